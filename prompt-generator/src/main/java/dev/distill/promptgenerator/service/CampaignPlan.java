package dev.distill.promptgenerator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distill.events.Sampling;
import dev.distill.promptgenerator.domain.Campaign;
import dev.distill.skills.Split;
import java.util.LinkedHashMap;

/** What the emission worker needs of a campaign, detached from the persistence context. */
public record CampaignPlan(String id, long count, long seed, double ratePerSecond, int difficulty, Split split,
        Sampling sampling, SkillMix mix) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static CampaignPlan of(Campaign campaign) {
        return new CampaignPlan(campaign.id, campaign.requestedCount, campaign.seed, campaign.ratePerSecond,
                campaign.difficulty, Split.fromWire(campaign.split),
                new Sampling(campaign.temperature, campaign.maxTokens, campaign.topLogprobs),
                new SkillMix(readSkills(campaign.skills)));
    }

    public static LinkedHashMap<String, Double> skillsOf(Campaign campaign) {
        return readSkills(campaign.skills);
    }

    static String writeSkills(java.util.Map<String, Double> skills) {
        try {
            return JSON.writeValueAsString(skills);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write skills " + skills, e);
        }
    }

    static LinkedHashMap<String, Double> readSkills(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Double>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("campaign skills column is not a JSON object: " + json, e);
        }
    }
}
