package dev.distill.referenceteacher.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * The faults the teacher injects, as {@code GET/PUT /admin/faults} show them. Rates are per HTTP request, in [0,1];
 * throttle, server error and timeout share one draw (their sum is at most 1), as do truncate, refusal and pii.
 * {@code seed} is null when the fault sequence is not reproducible.
 */
public record FaultProfile(
        Long seed,
        Latency latency,
        @JsonProperty("throttle_rate") double throttleRate,
        @JsonProperty("retry_after_seconds") int retryAfterSeconds,
        @JsonProperty("server_error_rate") double serverErrorRate,
        @JsonProperty("timeout_rate") double timeoutRate,
        @JsonProperty("timeout_hold_ms") long timeoutHoldMs,
        @JsonProperty("truncate_rate") double truncateRate,
        @JsonProperty("refusal_rate") double refusalRate,
        @JsonProperty("pii_rate") double piiRate) {

    /** Slack for rates summed from decimal JSON, e.g. 0.1 + 0.2 + 0.7. */
    private static final double SUM_TOLERANCE = 1e-9;

    /** {@code ms}: the fixed value, the uniform lower bound or the lognormal median; {@code max_ms}: the upper bound or p99. */
    public record Latency(LatencyMode mode, long ms, @JsonProperty("max_ms") long maxMs) {
    }

    public enum LatencyMode {
        @JsonProperty("fixed") FIXED,
        @JsonProperty("uniform") UNIFORM,
        @JsonProperty("lognormal") LOGNORMAL
    }

    /** One broken rule; {@code field} is the JSON path (null when several fields are involved). */
    public record Violation(String field, String message) {
    }

    /** Every broken rule, empty when the profile is usable. */
    public List<Violation> violations() {
        List<Violation> out = new ArrayList<>();
        rate(out, "throttle_rate", throttleRate);
        rate(out, "server_error_rate", serverErrorRate);
        rate(out, "timeout_rate", timeoutRate);
        rate(out, "truncate_rate", truncateRate);
        rate(out, "refusal_rate", refusalRate);
        rate(out, "pii_rate", piiRate);
        double failures = throttleRate + serverErrorRate + timeoutRate;
        boolean ratesInRange = out.isEmpty(); // a sum over a rate already out of range adds only noise
        if (ratesInRange && failures > 1 + SUM_TOLERANCE) {
            out.add(new Violation(null, "throttle_rate + server_error_rate + timeout_rate must be at most 1 "
                    + "(one draw decides between them), was " + failures));
        }
        double reshaped = truncateRate + refusalRate + piiRate;
        if (ratesInRange && reshaped > 1 + SUM_TOLERANCE) {
            out.add(new Violation(null, "truncate_rate + refusal_rate + pii_rate must be at most 1 "
                    + "(one draw decides between them), was " + reshaped));
        }
        if (retryAfterSeconds < 0) {
            out.add(new Violation("retry_after_seconds", "retry_after_seconds must not be negative, was " + retryAfterSeconds));
        }
        if (timeoutHoldMs < 0) {
            out.add(new Violation("timeout_hold_ms", "timeout_hold_ms must not be negative, was " + timeoutHoldMs));
        }
        latencyViolations(out);
        return out;
    }

    private void latencyViolations(List<Violation> out) {
        if (latency == null || latency.mode() == null) {
            out.add(new Violation(latency == null ? "latency" : "latency.mode",
                    "latency.mode is required: fixed, uniform or lognormal"));
            return;
        }
        if (latency.ms() < 0) {
            out.add(new Violation("latency.ms", "latency.ms must not be negative, was " + latency.ms()));
        }
        if (latency.maxMs() < 0) {
            out.add(new Violation("latency.max_ms", "latency.max_ms must not be negative, was " + latency.maxMs()));
        }
        if (latency.mode() == LatencyMode.LOGNORMAL && latency.ms() <= 0) {
            out.add(new Violation("latency.ms", "latency.ms (the median) must be positive for lognormal latency, was "
                    + latency.ms()));
        }
        if (latency.mode() != LatencyMode.FIXED && latency.maxMs() < latency.ms()) {
            out.add(new Violation("latency.max_ms", "latency.max_ms (" + (latency.mode() == LatencyMode.UNIFORM
                    ? "the upper bound" : "the 99th percentile") + ") must be at least latency.ms (" + latency.ms()
                    + ") for " + latency.mode().name().toLowerCase(java.util.Locale.ROOT) + " latency, was "
                    + latency.maxMs()));
        }
    }

    private static void rate(List<Violation> out, String field, double rate) {
        if (!(rate >= 0 && rate <= 1)) { // also catches NaN
            out.add(new Violation(field, field + " must be between 0 and 1, was " + rate));
        }
    }
}
