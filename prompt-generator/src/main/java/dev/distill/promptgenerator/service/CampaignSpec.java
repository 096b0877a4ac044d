package dev.distill.promptgenerator.service;

import dev.distill.events.Sampling;
import dev.distill.skills.Split;
import java.util.Map;

/**
 * A validated campaign request. A skills campaign has skills and a curriculum and no source; a file campaign the
 * reverse. A null replay policy follows the policy each teacher version announces.
 */
public record CampaignSpec(String name, String sourceId, Map<String, Double> skills, Curriculum curriculum, long count,
        long seed, double ratePerSecond, Split split, Sampling sampling, String replayPolicy, Double replayFraction) {

    public static CampaignSpec skills(String name, Map<String, Double> skills, Curriculum curriculum, long count,
            long seed, double ratePerSecond, Split split, Sampling sampling) {
        return new CampaignSpec(name, null, skills, curriculum, count, seed, ratePerSecond, split, sampling, null, null);
    }

    public CampaignSpec withReplay(String policy, Double fraction) {
        return new CampaignSpec(name, sourceId, skills, curriculum, count, seed, ratePerSecond, split, sampling, policy,
                fraction);
    }
}
