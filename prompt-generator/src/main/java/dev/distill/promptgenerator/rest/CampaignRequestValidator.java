package dev.distill.promptgenerator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.distill.events.Sampling;
import dev.distill.promptgenerator.config.GeneratorConfig;
import dev.distill.promptgenerator.domain.PromptSource;
import dev.distill.promptgenerator.service.CampaignSpec;
import dev.distill.promptgenerator.service.Curriculum;
import dev.distill.promptgenerator.service.PromptSources;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import dev.distill.skills.Split;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a request into a {@link CampaignSpec} or fails on the first bad field, before anything is persisted. */
@ApplicationScoped
public class CampaignRequestValidator {

    static final int MAX_NAME = 200;

    private final SkillSuite suite = SkillSuite.builtIn();
    private final GeneratorConfig config;
    private final PromptSources sources;

    public CampaignRequestValidator(GeneratorConfig config, PromptSources sources) {
        this.config = config;
        this.sources = sources;
    }

    public CampaignSpec validate(CampaignRequest request) {
        if (request == null) {
            throw new InvalidFieldException(null, "a JSON body is required");
        }
        if (request.name() == null || request.name().isBlank() || request.name().length() > MAX_NAME) {
            throw new InvalidFieldException("name", "name is required (1.." + MAX_NAME + " characters)");
        }
        double maxRate = config.emission().maxRatePerSecond();
        if (request.ratePerSecond() == null || !(request.ratePerSecond() > 0) || request.ratePerSecond() > maxRate) {
            throw new InvalidFieldException("ratePerSecond",
                    "ratePerSecond must be > 0 and <= " + maxRate + ", was " + request.ratePerSecond());
        }
        Split split;
        try {
            split = request.split() == null ? Split.TRAIN : Split.fromWire(request.split());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("split", e.getMessage());
        }
        long seed = request.seed() == null ? 0L : request.seed();
        CampaignSpec spec = request.source() == null
                ? skillsCampaign(request, seed, split)
                : fileCampaign(request, seed, split);
        return replay(spec, request.replay());
    }

    private CampaignSpec skillsCampaign(CampaignRequest request, long seed, Split split) {
        Map<String, Double> skills = skills(request.skills());
        if (request.count() == null || request.count() <= 0) {
            throw new InvalidFieldException("count", "count must be a positive number of prompts, was " + request.count());
        }
        return new CampaignSpec(request.name().strip(), null, skills, curriculum(request, skills), request.count(), seed,
                request.ratePerSecond(), split, sampling(request.sampling()), null, null);
    }

    private CampaignSpec fileCampaign(CampaignRequest request, long seed, Split split) {
        if (request.skills() != null || request.difficulty() != null || request.curriculum() != null) {
            throw new InvalidFieldException("source", "a file campaign takes its prompts from the source: "
                    + "leave out skills, difficulty and curriculum");
        }
        PromptSource source = sources.find(request.source())
                .orElseThrow(() -> new InvalidFieldException("source", "no prompt source " + request.source()
                        + "; import one with POST /sources"));
        if (source.linesValid == 0) {
            throw new InvalidFieldException("source", "prompt source " + source.id + " has no valid lines ("
                    + source.linesInvalid + " invalid)");
        }
        long count = request.count() == null ? source.linesValid : request.count();
        if (count <= 0 || count > source.linesValid) {
            throw new InvalidFieldException("count", "count must be in 1.." + source.linesValid
                    + " (the source's valid lines), was " + count);
        }
        return new CampaignSpec(request.name().strip(), source.id, null, null, count, seed, request.ratePerSecond(),
                split, sampling(request.sampling()), null, null);
    }

    private Curriculum curriculum(CampaignRequest request, Map<String, Double> skills) {
        if ((request.difficulty() == null) == (request.curriculum() == null)) {
            throw new InvalidFieldException("difficulty", "give either difficulty or curriculum");
        }
        if (request.difficulty() != null) {
            checkDifficulty("difficulty", request.difficulty(), skills);
            return Curriculum.fixed(request.difficulty());
        }
        if (request.curriculum().isEmpty()) {
            throw new InvalidFieldException("curriculum", "curriculum needs at least one stage");
        }
        List<Curriculum.Stage> stages = new ArrayList<>();
        for (int i = 0; i < request.curriculum().size(); i++) {
            CampaignRequest.StageRequest stage = request.curriculum().get(i);
            String field = "curriculum[" + i + "]";
            if (stage == null || stage.difficulty() == null) {
                throw new InvalidFieldException(field + ".difficulty", "every stage needs a difficulty");
            }
            checkDifficulty(field + ".difficulty", stage.difficulty(), skills);
            if (stage.share() == null || !(stage.share() > 0) || Double.isInfinite(stage.share())) {
                throw new InvalidFieldException(field + ".share", "share must be a positive number, was " + stage.share());
            }
            stages.add(new Curriculum.Stage(stage.difficulty(), stage.share()));
        }
        return new Curriculum(stages);
    }

    private void checkDifficulty(String field, int difficulty, Map<String, Double> skills) {
        for (String name : skills.keySet()) {
            Skill skill = suite.get(name);
            if (difficulty < 1 || difficulty > skill.maxDifficulty()) {
                throw new InvalidFieldException(field, "skill '" + name + "' has difficulties 1.."
                        + skill.maxDifficulty() + ", not " + difficulty);
            }
        }
    }

    private static CampaignSpec replay(CampaignSpec spec, CampaignRequest.ReplayRequest replay) {
        if (replay == null) {
            return spec;
        }
        if (replay.policy() == null || !List.of("all", "sample", "none").contains(replay.policy())) {
            throw new InvalidFieldException("replay.policy", "replay.policy must be all, sample or none, was "
                    + replay.policy());
        }
        if ("sample".equals(replay.policy())) {
            if (replay.fraction() == null || !(replay.fraction() > 0) || replay.fraction() > 1) {
                throw new InvalidFieldException("replay.fraction", "a sample replay needs a fraction in (0, 1], was "
                        + replay.fraction());
            }
            return spec.withReplay("sample", replay.fraction());
        }
        if (replay.fraction() != null) {
            throw new InvalidFieldException("replay.fraction", "only a sample replay takes a fraction");
        }
        return spec.withReplay(replay.policy(), null);
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
