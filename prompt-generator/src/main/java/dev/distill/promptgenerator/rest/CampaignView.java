package dev.distill.promptgenerator.rest;

import dev.distill.events.Sampling;
import dev.distill.promptgenerator.domain.Campaign;
import java.time.Instant;
import java.util.Map;

/** A campaign as the API shows it. */
public record CampaignView(String id, String name, Map<String, Double> skills, long requestedCount, long emittedCount,
        String state, double ratePerSecond, long seed, int difficulty, String split, Sampling sampling,
        String failureReason, Instant createdAt, Instant updatedAt) {

    static CampaignView of(Campaign c) {
        return new CampaignView(c.id, c.name, dev.distill.promptgenerator.service.CampaignPlan.skillsOf(c), c.requestedCount,
                c.emittedCount, c.state.name(), c.ratePerSecond, c.seed, c.difficulty, c.split,
                new Sampling(c.temperature, c.maxTokens, c.topLogprobs), c.failureReason, c.createdAt, c.updatedAt);
    }
}
