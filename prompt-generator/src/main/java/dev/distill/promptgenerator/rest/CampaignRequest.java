package dev.distill.promptgenerator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code POST /campaigns} body. A skills campaign names {@code skills} (a list of names, equal weights, or an object
 * name -> positive weight) and either {@code difficulty} or a {@code curriculum}; a file campaign names the
 * {@code source} (an imported prompt file's id) instead. {@code seed} defaults to 0, {@code split} to train,
 * {@code sampling} (or any of its fields) to the {@code generator.sampling.*} configuration, {@code replay} to
 * whatever each teacher version announces, and a file campaign's {@code count} to all its valid lines.
 */
public record CampaignRequest(String name, String source, JsonNode skills, Long count, Long seed, Double ratePerSecond,
        Integer difficulty, List<StageRequest> curriculum, String split, SamplingRequest sampling, ReplayRequest replay) {

    public record SamplingRequest(Double temperature, Integer maxTokens, Integer topLogprobs) {
    }

    /** A curriculum stage: this difficulty for this share of the campaign's prompts, in order. */
    public record StageRequest(Integer difficulty, Double share) {
    }

    /** all, sample (with fraction in (0, 1]) or none. */
    public record ReplayRequest(String policy, Double fraction) {
    }
}
