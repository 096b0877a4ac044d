package dev.distill.promptgenerator.service;

import dev.distill.promptgenerator.config.GeneratorConfig;
import dev.distill.promptgenerator.domain.Campaign;
import dev.distill.promptgenerator.domain.CampaignState;
import dev.distill.promptgenerator.domain.Replay;
import dev.distill.skills.SkillSuite;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the jobs there are to emit and builds them with what they need. */
@ApplicationScoped
public class EmissionJobs {

    private final PromptLedger ledger;
    private final PromptSources sources;
    private final EmissionMetrics metrics;
    private final PromptFactory factory = new PromptFactory(SkillSuite.builtIn());
    private final int maxCandidatesFactor;

    public EmissionJobs(PromptLedger ledger, PromptSources sources, EmissionMetrics metrics, GeneratorConfig config) {
        this.ledger = ledger;
        this.sources = sources;
        this.metrics = metrics;
        this.maxCandidatesFactor = config.emission().maxCandidatesFactor();
    }

    /** Every RUNNING campaign, then every RUNNING replay of a campaign that is not paused. */
    public List<EmissionJob> runnable() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<EmissionJob> jobs = new ArrayList<>();
            for (Campaign campaign : Campaign.inState(CampaignState.RUNNING)) {
                jobs.add(new CampaignEmission(CampaignPlan.of(campaign), this));
            }
            for (Replay replay : Replay.running()) {
                Campaign campaign = Campaign.findById(replay.campaignId);
                if (campaign.state != CampaignState.PAUSED) {
                    jobs.add(new ReplayEmission(replay, campaign.ratePerSecond, this));
                }
            }
            return jobs;
        });
    }

    public Optional<EmissionJob> campaign(String campaignId) {
        return QuarkusTransaction.requiringNew().call(() -> Campaign.<Campaign>findByIdOptional(campaignId)
                .map(c -> new CampaignEmission(CampaignPlan.of(c), this)));
    }

    PromptLedger ledger() {
        return ledger;
    }

    PromptSources sources() {
        return sources;
    }

    EmissionMetrics metrics() {
        return metrics;
    }

    PromptFactory factory() {
        return factory;
    }

    int maxCandidatesFactor() {
        return maxCandidatesFactor;
    }
}
