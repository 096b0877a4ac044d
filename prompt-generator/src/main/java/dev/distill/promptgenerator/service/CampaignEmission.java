package dev.distill.promptgenerator.service;

import dev.distill.events.PromptEvent;
import dev.distill.promptgenerator.domain.Campaign;
import dev.distill.promptgenerator.domain.CampaignState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A campaign's own prompts. Candidates are taken in index order from the cursor; a candidate whose normalised prompt
 * the campaign already emitted is skipped (counted as a duplicate), so the campaign runs until it has emitted its
 * count of distinct prompts, its file ends, or (skills) count x factor candidates were tried.
 */
final class CampaignEmission implements EmissionJob {

    private final CampaignPlan plan;
    private final EmissionJobs jobs;

    CampaignEmission(CampaignPlan plan, EmissionJobs jobs) {
        this.plan = plan;
        this.jobs = jobs;
    }

    @Override
    public String id() {
        return plan.id();
    }

    @Override
    public String campaignId() {
        return plan.id();
    }

    @Override
    public double ratePerSecond() {
        return plan.ratePerSecond();
    }

    @Override
    public Batch stageNext(int max) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Campaign campaign = Campaign.findById(plan.id(), LockModeType.PESSIMISTIC_WRITE);
            if (campaign.state != CampaignState.RUNNING) {
                return Batch.end();
            }
            long wanted = Math.min(max, campaign.requestedCount - campaign.stagedCount);
            Instant now = Instant.now();
            List<PromptLedger.Entry> candidates = wanted <= 0 ? List.of() : candidates(campaign.nextCandidate, (int) wanted, now);
            if (candidates.isEmpty()) {
                if (campaign.emittedCount < campaign.stagedCount) {
                    return Batch.of(List.of()); // complete once the last batch is acknowledged
                }
                complete(campaign, now);
                return Batch.end();
            }
            List<PromptEvent> staged = jobs.ledger().stage(plan.id(), plan.id(), candidates, now);
            campaign.nextCandidate = candidates.get(candidates.size() - 1).position() + 1;
            campaign.stagedCount += staged.size();
            campaign.duplicateCount += candidates.size() - staged.size();
            campaign.updatedAt = now;
            jobs.metrics().duplicates(plan.id(), candidates.size() - staged.size());
            return Batch.of(staged);
        });
    }

    private List<PromptLedger.Entry> candidates(long from, int wanted, Instant now) {
        List<PromptLedger.Entry> entries = new ArrayList<>(wanted);
        if (plan.sourceId() != null) {
            for (PromptSources.Line line : jobs.sources().lines(plan.sourceId(), from, wanted)) {
                entries.add(jobs.factory().filePrompt(plan, line.ordinal(), line.prompt(), now));
            }
        } else {
            long limit = Math.min(from + wanted, plan.count() * jobs.maxCandidatesFactor());
            for (long i = from; i < limit; i++) {
                entries.add(jobs.factory().skillPrompt(plan, i, now));
            }
        }
        return entries;
    }

    private void complete(Campaign campaign, Instant now) {
        campaign.state = CampaignState.COMPLETED;
        if (campaign.stagedCount < campaign.requestedCount) {
            campaign.completionNote = campaign.isFileCampaign()
                    ? "the file has " + campaign.stagedCount + " distinct prompts"
                    : "only " + campaign.stagedCount + " distinct prompts among " + campaign.nextCandidate
                            + " candidates (duplicates: " + campaign.duplicateCount + ")";
        }
        campaign.updatedAt = now;
    }

    @Override
    public void acked(List<PromptEvent> events) {
        QuarkusTransaction.requiringNew().run(() -> {
            int newlyAcked = jobs.ledger().ack(events.stream().map(PromptEvent::eventId).toList());
            Campaign campaign = Campaign.findById(plan.id(), LockModeType.PESSIMISTIC_WRITE);
            campaign.emittedCount += newlyAcked;
            campaign.updatedAt = Instant.now();
        });
        Map<String, Long> bySkill = events.stream()
                .collect(Collectors.groupingBy(e -> e.skill() == null ? "none" : e.skill(), Collectors.counting()));
        bySkill.forEach((skill, n) -> jobs.metrics().emitted(plan.id(), skill, n));
    }

    @Override
    public void fail(String reason) {
        QuarkusTransaction.requiringNew().run(() -> {
            Campaign campaign = Campaign.findById(plan.id());
            if (campaign != null && !campaign.state.isFinal()) {
                campaign.state = CampaignState.FAILED;
                campaign.failureReason = reason;
                campaign.updatedAt = Instant.now();
            }
        });
    }
}
