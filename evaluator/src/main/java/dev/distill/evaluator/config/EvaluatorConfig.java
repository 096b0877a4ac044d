package dev.distill.evaluator.config;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.time.Duration;
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

    /** The least accuracy a champion may have: below it a checkpoint is never promoted, even as the first. */
    double gate();

    Promotion promotion();

    Suites suites();

    Teacher teacher();

    interface Suites {
        /** The longest line of a custom suite file, in characters. */
        int maxLineChars();

        /** The most prompts a custom suite may have. */
        int maxPrompts();
    }

    /** The teacher baseline: every suite's prompts asked of the teacher through the gateway's OpenAI proxy. */
    interface Teacher {
        /** The gateway's base URL ({@code /v1/chat/completions} is appended); no baseline when absent. */
        Optional<URI> url();

        /** Prompts asked at once. */
        int concurrency();

        /** How long one answer may take. */
        Duration timeout();

        /** The longest answer asked for, in tokens. */
        int maxTokens();

        /** How long after a failed baseline it is tried again. */
        Duration retryAfter();

        /** How long scoring a checkpoint waits for a baseline being computed before it goes on without it. */
        Duration await();
    }

    interface Promotion {
        /** How much a checkpoint's overall accuracy must exceed the champion's to replace it (a fraction). */
        double margin();

        /** The most any one skill's accuracy may fall below the champion's for a promotion (a fraction). */
        double maxSkillDrop();
    }

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
