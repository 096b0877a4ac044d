package dev.distill.promptgenerator.config;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Prompt-generator settings; defaults in {@code application.properties}. */
@ConfigMapping(prefix = "generator")
public interface GeneratorConfig {

    /** Sampling asked of the teacher when a campaign gives none (or leaves a field out). */
    SamplingDefaults sampling();

    Emission emission();

    Pacing pacing();

    Sources sources();

    interface SamplingDefaults {
        double temperature();

        int maxTokens();

        int topLogprobs();
    }

    interface Emission {
        /** Most prompts published and awaited together; bounds the work repeated after a crash. */
        int maxBatch();

        /** Longest sleep between batches, so a slow campaign still reacts to pause and shutdown promptly. */
        Duration tick();

        /** Upper bound accepted for a campaign's ratePerSecond. */
        double maxRatePerSecond();

        /** How often RUNNING campaigns and replays that no instance emits are picked up (after a restart or a failover). */
        Duration resumeInterval();

        /** Campaigns and replays emitted at once by one instance; each holds a database connection for its lock. */
        int maxConcurrentJobs();

        /** A skills campaign gives up after count x this many candidates when too many were duplicates. */
        int maxCandidatesFactor();

        /** How far before its oldest unacknowledged prompt the topic is searched after a crash (clock skew). */
        Duration recoveryMargin();
    }

    interface Pacing {
        /** The consumer group whose lag on distill.prompts holds emission back (the gateway's). */
        String consumerGroup();

        /** Emission waits while that group lags by more than this many prompts; 0 turns lag awareness off. */
        long maxLag();

        /** How often the lag is measured. */
        Duration checkInterval();
    }

    interface Sources {
        /** Directory that campaigns may read prompt files from by relative path; unset allows uploads only. */
        Optional<Path> directory();

        /** Longest accepted line, in bytes; longer lines are reported and skipped. */
        int maxLineBytes();

        /** Invalid lines recorded per file (all are counted). */
        int maxRecordedErrors();
    }
}
