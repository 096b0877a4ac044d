package dev.distill.referenceteacher.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.referenceteacher.domain.FaultProfile.LatencyMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultProfileTest {

    private static FaultProfile rates(double throttle, double server, double timeout, double truncate, double refusal,
            double pii) {
        return new FaultProfile(null, new FaultProfile.Latency(LatencyMode.FIXED, 0, 0), throttle, 1, server, timeout,
                60_000, truncate, refusal, pii);
    }

    private static FaultProfile latency(LatencyMode mode, long ms, long maxMs) {
        return new FaultProfile(null, new FaultProfile.Latency(mode, ms, maxMs), 0, 1, 0, 0, 60_000, 0, 0, 0);
    }

    private static List<String> fields(FaultProfile profile) {
        return profile.violations().stream().map(FaultProfile.Violation::field).toList();
    }

    @Test
    void allOffAndBoundaryProfilesAreValid() {
        assertThat(rates(0, 0, 0, 0, 0, 0).violations()).isEmpty();
        assertThat(rates(0.2, 0.1, 0.7, 0.1, 0.2, 0.7).violations()).as("sums of exactly 1 despite float error").isEmpty();
        assertThat(rates(1, 0, 0, 0, 0, 1).violations()).isEmpty();
        assertThat(latency(LatencyMode.UNIFORM, 10, 10).violations()).isEmpty();
        assertThat(latency(LatencyMode.LOGNORMAL, 50, 500).violations()).isEmpty();
        assertThat(latency(LatencyMode.FIXED, 200, 0).violations()).as("max_ms is unused when fixed").isEmpty();
    }

    @Test
    void ratesOutsideZeroToOneAreNamed() {
        FaultProfile profile = rates(1.5, -0.1, Double.NaN, 0, 0, 2);
        assertThat(fields(profile)).contains("throttle_rate", "server_error_rate", "timeout_rate", "pii_rate");
        assertThat(profile.violations().get(0).message()).isEqualTo("throttle_rate must be between 0 and 1, was 1.5");
    }

    @Test
    void failureRatesMustSumToAtMostOne() {
        List<FaultProfile.Violation> violations = rates(0.5, 0.4, 0.2, 0, 0, 0).violations();
        assertThat(violations).hasSize(1);
        assertThat(violations.get(0).message()).startsWith("throttle_rate + server_error_rate + timeout_rate must be at most 1");
        assertThat(rates(0, 0, 0, 0.5, 0.5, 0.1).violations()).singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("truncate_rate + refusal_rate + pii_rate"));
    }

    @Test
    void durationsMustNotBeNegative() {
        FaultProfile profile = new FaultProfile(null, new FaultProfile.Latency(LatencyMode.FIXED, -1, -2), 0, -3, 0, 0,
                -4, 0, 0, 0);
        assertThat(fields(profile)).containsExactly("retry_after_seconds", "timeout_hold_ms", "latency.ms", "latency.max_ms");
    }

    @Test
    void latencyBoundsMustBeOrderedAndTheLognormalMedianPositive() {
        assertThat(fields(latency(LatencyMode.UNIFORM, 100, 50))).containsExactly("latency.max_ms");
        assertThat(fields(latency(LatencyMode.LOGNORMAL, 0, 50))).containsExactly("latency.ms");
        assertThat(latency(LatencyMode.LOGNORMAL, 100, 50).violations().get(0).message())
                .isEqualTo("latency.max_ms (the 99th percentile) must be at least latency.ms (100) for lognormal latency, was 50");
        assertThat(fields(new FaultProfile(null, null, 0, 1, 0, 0, 0, 0, 0, 0))).containsExactly("latency");
        assertThat(fields(new FaultProfile(null, new FaultProfile.Latency(null, 0, 0), 0, 1, 0, 0, 0, 0, 0, 0)))
                .containsExactly("latency.mode");
    }
}
