package dev.distill.gateway.service;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt n waits a random time in [d/2, d] where d = initial * 2^(n-1), capped at
 * {@code max}. A teacher's Retry-After is honoured as a floor (also capped at {@code max}).
 */
public record Backoff(Duration initial, Duration max) {

    public Duration before(int nextAttempt, Optional<Duration> retryAfter) {
        long cap = max.toNanos();
        long exponential = initial.toNanos() << Math.min(30, Math.max(0, nextAttempt - 2));
        long bounded = Math.min(cap, exponential < 0 ? cap : exponential);
        long jittered = bounded / 2 + ThreadLocalRandom.current().nextLong(bounded / 2 + 1);
        long floor = retryAfter.map(d -> Math.min(cap, d.toNanos())).orElse(0L);
        return Duration.ofNanos(Math.max(jittered, floor));
    }
}
