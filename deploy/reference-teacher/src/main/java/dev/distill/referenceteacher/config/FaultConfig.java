package dev.distill.referenceteacher.config;

import dev.distill.referenceteacher.domain.FaultProfile;
import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;

/**
 * The fault profile the teacher starts with (all off in {@code application.properties}); {@code PUT /admin/faults}
 * replaces it at runtime. Rates are per HTTP request, in [0,1].
 */
@ConfigMapping(prefix = "teacher.faults")
public interface FaultConfig {

    /** Seeds the fault RNG so a sequence of requests meets the same faults on every run; absent: a random sequence. */
    Optional<Long> seed();

    Latency latency();

    /** Fraction of requests answered 429 with {@code Retry-After}. */
    double throttleRate();

    /** The {@code Retry-After} header value of a throttled request, in seconds. */
    int retryAfterSeconds();

    /** Fraction of requests answered 500, 502 or 503. */
    double serverErrorRate();

    /** Fraction of requests held for {@link #timeoutHold()} and then answered 504. */
    double timeoutRate();

    /** How long a timed-out request is held: longer than the client's timeout, so the client gives up first. */
    Duration timeoutHold();

    /** Fraction of answers cut to about half their tokens, {@code finish_reason: length}. */
    double truncateRate();

    /** Fraction of answers replaced by a refusal. */
    double refusalRate();

    /** Fraction of answers with a line of contact details (email, phone) before the final answer line. */
    double piiRate();

    /** Added to every response except a timeout, which is held for {@code timeout-hold} instead. */
    interface Latency {

        FaultProfile.LatencyMode mode();

        /** The fixed value, the uniform lower bound, or the lognormal median, in milliseconds. */
        long ms();

        /** The uniform upper bound or the lognormal 99th percentile, in milliseconds; unused when fixed. */
        long maxMs();
    }
}
