package dev.distill.promptgenerator.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** Prompt-generator settings; defaults in {@code application.properties}. */
@ConfigMapping(prefix = "generator")
public interface GeneratorConfig {

    /** Sampling asked of the teacher when a campaign gives none (or leaves a field out). */
    SamplingDefaults sampling();

    Emission emission();

    interface SamplingDefaults {
        double temperature();

        int maxTokens();

        int topLogprobs();
    }

    interface Emission {
        /** Most prompts published and awaited together; bounds the work repeated after a crash. */
        int maxBatch();

        /** Longest sleep between batches, so a slow campaign still reacts to shutdown promptly. */
        Duration tick();

        /** Upper bound accepted for a campaign's ratePerSecond. */
        double maxRatePerSecond();
    }
}
