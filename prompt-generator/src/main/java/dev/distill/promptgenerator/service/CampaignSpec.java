package dev.distill.promptgenerator.service;

import dev.distill.events.Sampling;
import dev.distill.skills.Split;
import java.util.Map;

/** A validated campaign request: every field present and within range. */
public record CampaignSpec(String name, Map<String, Double> skills, long count, long seed, double ratePerSecond,
        int difficulty, Split split, Sampling sampling) {
}
