package dev.distill.gateway.domain;

import java.time.Duration;

/** What a teacher server can take: calls in flight, requests and tokens per minute (0 = no limit), call timeout. */
public record Limits(int maxInFlight, int requestsPerMinute, int tokensPerMinute, Duration timeout) {

    public Limits {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        if (requestsPerMinute < 0 || tokensPerMinute < 0) {
            throw new IllegalArgumentException("requestsPerMinute and tokensPerMinute must not be negative");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }
}
