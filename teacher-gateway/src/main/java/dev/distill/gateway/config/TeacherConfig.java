package dev.distill.gateway.config;

import dev.distill.events.TeacherRef;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/**
 * The teacher this gateway talks to. Defaults live in {@code application.properties}; every key can be
 * overridden by a system property or env variable (for example {@code DISTILL_TEACHER_BASE_URL}).
 */
@ConfigMapping(prefix = "distill.teacher")
public interface TeacherConfig {

    /** Registry name of the teacher, e.g. {@code reference}. */
    String name();

    /** Base URL of the OpenAI-compatible server, without {@code /v1}. */
    String baseUrl();

    /** The model asked for in each request. */
    String model();

    /** The teacher version stamped on responses; a new version means new answers. */
    String version();

    /** Sent as {@code Authorization: Bearer ...} when present. Never logged, never put in an event. */
    Optional<String> apiKey();

    /** Connect and read timeout of one HTTP call. */
    Duration timeout();

    /** Prompts processed at the same time (worker pool size of the consumer). */
    int concurrency();

    /** HTTP attempts per prompt before it goes to the DLQ (the full retry policy is a later issue). */
    @WithDefault("3")
    int maxAttempts();

    /** Pause between attempts. */
    @WithDefault("200ms")
    Duration retryDelay();

    Price price();

    default TeacherRef ref() {
        return new TeacherRef(name(), model(), version());
    }

    /** USD per 1000 tokens; 0 for a local teacher. */
    interface Price {
        @WithName("prompt-per-1k")
        @WithDefault("0")
        double promptPer1k();

        @WithName("completion-per-1k")
        @WithDefault("0")
        double completionPer1k();
    }
}
