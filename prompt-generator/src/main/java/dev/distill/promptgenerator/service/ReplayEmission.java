package dev.distill.promptgenerator.service;

import dev.distill.events.PromptEvent;
import dev.distill.promptgenerator.domain.Campaign;
import dev.distill.promptgenerator.domain.CampaignState;
import dev.distill.promptgenerator.domain.Replay;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-emits a campaign's prompts (as the ledger holds them, up to the position when the version was announced) with
 * the new teacher version set, so the gateway asks that version. With the sample policy a prompt is chosen by a hash
 * of (promptId, version) below the fraction: the same prompts on every run, a different sample per version.
 * It follows its campaign: paused while the campaign is paused, cancelled with it.
 */
final class ReplayEmission implements EmissionJob {

    /** Ledger rows read per transaction while sampling, so a small fraction does not read the whole ledger at once. */
    private static final int SCAN_FACTOR = 20;

    private final String replayId;
    private final String campaignId;
    private final double ratePerSecond;
    private final EmissionJobs jobs;

    ReplayEmission(Replay replay, double ratePerSecond, EmissionJobs jobs) {
        this.replayId = replay.id;
        this.campaignId = replay.campaignId;
        this.ratePerSecond = ratePerSecond;
        this.jobs = jobs;
    }

    @Override
    public String id() {
        return replayId;
    }

    @Override
    public String campaignId() {
        return campaignId;
    }

    @Override
    public double ratePerSecond() {
        return ratePerSecond;
    }

    @Override
    public Batch stageNext(int max) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Replay replay = Replay.findById(replayId, LockModeType.PESSIMISTIC_WRITE);
            if (replay.state != CampaignState.RUNNING) {
                return Batch.end();
            }
            Campaign campaign = Campaign.findById(campaignId);
            Instant now = Instant.now();
            if (campaign.state == CampaignState.CANCELLED) {
                replay.state = CampaignState.CANCELLED;
                replay.updatedAt = now;
                return Batch.end();
            }
            if (campaign.state == CampaignState.PAUSED) {
                return Batch.end();
            }
            List<PromptLedger.Original> originals = jobs.ledger().originals(campaignId, replay.nextPosition,
                    replay.uptoPosition, "sample".equals(replay.policy) ? max * SCAN_FACTOR : max);
            if (originals.isEmpty()) {
                if (replay.emittedCount < replay.stagedCount) {
                    return Batch.of(List.of()); // complete once the last batch is acknowledged
                }
                replay.state = CampaignState.COMPLETED;
                replay.updatedAt = now;
                return Batch.end();
            }
            List<PromptLedger.Entry> chosen = new ArrayList<>();
            for (PromptLedger.Original original : originals) {
                if (chosen.size() == max) {
                    break;
                }
                replay.nextPosition = original.position() + 1;
                replay.considered++;
                if (selected(original.event().promptId(), replay)) {
                    chosen.add(new PromptLedger.Entry(forVersion(original.event(), replay.teacherVersion, now),
                            original.position(), null, null));
                }
            }
            List<PromptEvent> staged = jobs.ledger().stage(campaignId, replayId, chosen, now);
            replay.stagedCount += staged.size();
            replay.updatedAt = now;
            return Batch.of(staged);
        });
    }

    static boolean selected(String promptId, Replay replay) {
        return !"sample".equals(replay.policy) || Hashing.unit(promptId + "@" + replay.teacherVersion) < replay.fraction;
    }

    private static PromptEvent forVersion(PromptEvent original, String version, Instant now) {
        return new PromptEvent(original.schemaVersion(), original.promptId(), original.campaignId(), original.source(),
                original.skill(), original.messages(), original.reference(), original.split(), original.sampling(),
                version, now);
    }

    @Override
    public void acked(List<PromptEvent> events) {
        QuarkusTransaction.requiringNew().run(() -> {
            int newlyAcked = jobs.ledger().ack(events.stream().map(PromptEvent::eventId).toList());
            Replay replay = Replay.findById(replayId, LockModeType.PESSIMISTIC_WRITE);
            replay.emittedCount += newlyAcked;
            replay.updatedAt = Instant.now();
        });
        if (!events.isEmpty()) {
            jobs.metrics().replayed(campaignId, events.get(0).teacherVersion(), events.size());
        }
    }

    @Override
    public void fail(String reason) {
        QuarkusTransaction.requiringNew().run(() -> {
            Replay replay = Replay.findById(replayId);
            if (replay != null && !replay.state.isFinal()) {
                replay.state = CampaignState.FAILED;
                replay.failureReason = reason;
                replay.updatedAt = Instant.now();
            }
        });
    }
}
