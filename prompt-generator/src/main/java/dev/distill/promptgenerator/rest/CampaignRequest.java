package dev.distill.promptgenerator.rest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code POST /campaigns} body. {@code skills} is either a list of skill names (equal weights) or an object
 * skill name -> positive weight. {@code seed} defaults to 0, {@code split} to train, and {@code sampling} (or any of
 * its fields) to the {@code generator.sampling.*} configuration.
 */
public record CampaignRequest(String name, JsonNode skills, Long count, Long seed, Double ratePerSecond,
        Integer difficulty, String split, SamplingRequest sampling) {

    public record SamplingRequest(Double temperature, Integer maxTokens, Integer topLogprobs) {
    }
}
