package dev.distill.referenceteacher.service;

import dev.distill.referenceteacher.domain.FaultProfile;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** Draws a response delay from the profile's latency distribution. */
public final class LatencySampler {

    /** The standard normal's 99th percentile: p99 = median * exp(Z99 * sigma). */
    static final double Z99 = 2.3263478740408408;

    private LatencySampler() {
    }

    public static Duration sample(FaultProfile.Latency latency, RandomGenerator rng) {
        double ms = switch (latency.mode()) {
            case FIXED -> latency.ms();
            case UNIFORM -> latency.ms() + (latency.maxMs() - latency.ms()) * rng.nextDouble();
            case LOGNORMAL -> {
                double sigma = Math.log((double) latency.maxMs() / latency.ms()) / Z99;
                yield latency.ms() * Math.exp(sigma * rng.nextGaussian());
            }
        };
        return Duration.ofNanos(Math.round(ms * 1_000_000));
    }
}
