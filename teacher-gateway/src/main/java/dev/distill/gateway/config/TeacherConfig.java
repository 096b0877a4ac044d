package dev.distill.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The teacher registered from configuration when the gateway starts (more are added through {@code POST /teachers}).
 * Every key can be overridden by env, e.g. {@code DISTILL_TEACHER_BASE_URL}; the API key comes from
 * {@code distill.teacher.api-key} or, for a Kubernetes Secret mounted as a file, {@code distill.teacher.api-key-file}.
 */
@ConfigMapping(prefix = "distill.teacher")
public interface TeacherConfig {

    /** Registry name of the teacher, e.g. {@code reference}. */
    String name();

    /** Base URL of the OpenAI-compatible server, without {@code /v1}. */
    String baseUrl();

    /** The model asked for in each request. */
    String model();

    /** The version registered (and made active if it is new) at start. */
    String version();

    /**
     * What the prompt generator should re-ask when the configured version is new: {@code none}, {@code all}, or
     * {@code sample} with {@link #replayFraction()}.
     */
    @WithDefault("none")
    String replayPolicy();

    Optional<Double> replayFraction();

    /** Sent as {@code Authorization: Bearer ...}. Never logged, stored, put in an event or shown. */
    Optional<String> apiKey();

    /** A file holding the API key (a mounted Kubernetes Secret); used when {@link #apiKey()} is absent. */
    Optional<String> apiKeyFile();

    /** Extra HTTP headers sent with every request to this teacher (e.g. an organisation id). */
    Map<String, String> headers();

    /** Limits of the teacher server. */
    Limits limits();

    interface Limits {
        /** Requests in flight at once; Kafka consumption pauses while they are all busy. */
        @WithDefault("64")
        int maxInFlight();

        /** Token-bucket limit on requests per minute; 0 means none. */
        @WithDefault("0")
        int requestsPerMinute();

        /** Token-bucket limit on (estimated, then actual) prompt plus completion tokens per minute; 0 means none. */
        @WithDefault("0")
        int tokensPerMinute();

        /** Connect and read timeout of one HTTP call. */
        @WithDefault("30s")
        Duration timeout();
    }
}
