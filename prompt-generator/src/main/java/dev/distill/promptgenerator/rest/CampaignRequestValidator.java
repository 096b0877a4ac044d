package dev.distill.promptgenerator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.distill.events.Sampling;
import dev.distill.promptgenerator.config.GeneratorConfig;
import dev.distill.promptgenerator.service.CampaignSpec;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import dev.distill.skills.Split;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a request into a {@link CampaignSpec} or fails on the first bad field, before anything is persisted. */
@ApplicationScoped
public class CampaignRequestValidator {

    static final int MAX_NAME = 200;

    private final SkillSuite suite = SkillSuite.builtIn();
    private final GeneratorConfig config;

    public CampaignRequestValidator(GeneratorConfig config) {
        this.config = config;
    }

    public CampaignSpec validate(CampaignRequest request) {
        if (request == null) {
            throw new InvalidFieldException(null, "a JSON body is required");
        }
        if (request.name() == null || request.name().isBlank() || request.name().length() > MAX_NAME) {
            throw new InvalidFieldException("name", "name is required (1.." + MAX_NAME + " characters)");
        }
        Map<String, Double> skills = skills(request.skills());
        if (request.count() == null || request.count() <= 0) {
            throw new InvalidFieldException("count", "count must be a positive number of prompts, was " + request.count());
        }
        double maxRate = config.emission().maxRatePerSecond();
        if (request.ratePerSecond() == null || !(request.ratePerSecond() > 0) || request.ratePerSecond() > maxRate) {
            throw new InvalidFieldException("ratePerSecond",
                    "ratePerSecond must be > 0 and <= " + maxRate + ", was " + request.ratePerSecond());
        }
        if (request.difficulty() == null) {
            throw new InvalidFieldException("difficulty", "difficulty is required");
        }
        for (String name : skills.keySet()) {
            Skill skill = suite.get(name);
            if (request.difficulty() < 1 || request.difficulty() > skill.maxDifficulty()) {
                throw new InvalidFieldException("difficulty", "skill '" + name + "' has difficulties 1.."
                        + skill.maxDifficulty() + ", not " + request.difficulty());
            }
        }
        Split split;
        try {
            split = request.split() == null ? Split.TRAIN : Split.fromWire(request.split());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("split", e.getMessage());
        }
        return new CampaignSpec(request.name().strip(), skills, request.count(),
                request.seed() == null ? 0L : request.seed(), request.ratePerSecond(), request.difficulty(), split,
                sampling(request.sampling()));
    }

    private Map<String, Double> skills(JsonNode node) {
        Map<String, Double> weights = new LinkedHashMap<>();
        if (node == null || node.isNull() || node.isEmpty() || !(node.isArray() || node.isObject())) {
            throw new InvalidFieldException("skills", "skills must be a non-empty list of skill names or an object "
                    + "skill -> weight; known skills: " + suite.names());
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    throw new InvalidFieldException("skills", "skills must contain skill names, not " + element);
                }
                weights.put(known(element.asText()), 1.0);
            }
        } else {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = known(field.getKey());
                if (!field.getValue().isNumber() || !(field.getValue().asDouble() > 0)
                        || Double.isInfinite(field.getValue().asDouble())) {
                    throw new InvalidFieldException("skills." + name, "the weight of skill '" + name
                            + "' must be a positive number, was " + field.getValue());
                }
                weights.put(name, field.getValue().asDouble());
            }
        }
        return weights;
    }

    private String known(String name) {
        if (!suite.names().contains(name)) {
            throw new InvalidFieldException("skills", "unknown skill '" + name + "'; known skills: " + suite.names());
        }
        return name;
    }

    private Sampling sampling(CampaignRequest.SamplingRequest requested) {
        GeneratorConfig.SamplingDefaults defaults = config.sampling();
        double temperature = requested == null || requested.temperature() == null ? defaults.temperature() : requested.temperature();
        int maxTokens = requested == null || requested.maxTokens() == null ? defaults.maxTokens() : requested.maxTokens();
        int topLogprobs = requested == null || requested.topLogprobs() == null ? defaults.topLogprobs() : requested.topLogprobs();
        if (!(temperature >= 0) || temperature > 2) {
            throw new InvalidFieldException("sampling.temperature", "sampling.temperature must be in 0..2, was " + temperature);
        }
        if (maxTokens <= 0) {
            throw new InvalidFieldException("sampling.maxTokens", "sampling.maxTokens must be positive, was " + maxTokens);
        }
        if (topLogprobs < 0 || topLogprobs > 20) {
            throw new InvalidFieldException("sampling.topLogprobs", "sampling.topLogprobs must be in 0..20, was " + topLogprobs);
        }
        return new Sampling(temperature, maxTokens, topLogprobs);
    }
}
