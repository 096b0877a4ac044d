package dev.distill.local;

import java.time.Duration;

/**
 * Whether the local stack runs a Prometheus that scrapes every service, and how often it scrapes.
 *
 * @param enabled        start Prometheus with the stack
 * @param scrapeInterval between two scrapes of each service (and between two evaluations of the alert rules)
 */
public record Monitoring(boolean enabled, Duration scrapeInterval) {

    public static final Monitoring OFF = new Monitoring(false, Duration.ofSeconds(5));

    public Monitoring {
        if (scrapeInterval.isNegative() || scrapeInterval.isZero() || scrapeInterval.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("scrapeInterval must be a positive number of seconds, was " + scrapeInterval);
        }
    }

    public static Monitoring every(Duration scrapeInterval) {
        return new Monitoring(true, scrapeInterval);
    }
}
