package dev.distill.evaluator.config;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** How checkpoints are scored. Defaults live in application.properties. */
@ConfigMapping(prefix = "distill.evaluator")
public interface EvaluatorConfig {

    BuiltinSuite builtin();

    /** Longest completion a student may generate for one prompt. */
    int maxNewTokens();

    /** Prompts decoded together. */
    int batchSize();

    /** Accuracy at or above which a benchmark's verdict is {@code pass}. */
    double gate();

    interface BuiltinSuite {
        /** Prompts per built-in skill. */
        int prompts();

        /** Difficulty of the prompts (capped at each skill's maximum). */
        int difficulty();

        /** Suite seed: with the eval split it fixes the prompts, so every checkpoint sees the same ones. */
        long seed();

        /** The skills in the suite; every built-in skill when absent. */
        Optional<List<String>> skills();
    }
}
