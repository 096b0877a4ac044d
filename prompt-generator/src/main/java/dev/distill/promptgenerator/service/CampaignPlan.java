package dev.distill.promptgenerator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distill.events.Sampling;
import dev.distill.promptgenerator.domain.Campaign;
import dev.distill.skills.Split;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What emission needs of a campaign, detached from the persistence context. A skills campaign has a mix and a
 * curriculum; a file campaign has a source instead.
 */
public record CampaignPlan(String id, long count, long seed, double ratePerSecond, Split split, Sampling sampling,
        SkillMix mix, Curriculum curriculum, String sourceId) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static CampaignPlan of(Campaign campaign) {
        boolean file = campaign.isFileCampaign();
        return new CampaignPlan(campaign.id, campaign.requestedCount, campaign.seed, campaign.ratePerSecond,
                Split.fromWire(campaign.split), new Sampling(campaign.temperature, campaign.maxTokens, campaign.topLogprobs),
                file ? null : new SkillMix(readSkills(campaign.skills)),
                file ? null : Curriculum.fromJson(campaign.curriculum), campaign.sourceId);
    }

    public static LinkedHashMap<String, Double> skillsOf(Campaign campaign) {
        return campaign.skills == null ? null : readSkills(campaign.skills);
    }

    static String writeSkills(Map<String, Double> skills) {
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
