package dev.distill.referenceteacher.service;

import dev.distill.referenceteacher.domain.FaultProfile;

/** Fault profiles for tests: everything off unless set. */
public final class TestProfiles {

    public static final FaultProfile.Latency NO_LATENCY = new FaultProfile.Latency(FaultProfile.LatencyMode.FIXED, 0, 0);

    private TestProfiles() {
    }

    public static FaultProfile off() {
        return new FaultProfile(null, NO_LATENCY, 0, 1, 0, 0, 60_000, 0, 0, 0);
    }

    public static FaultProfile failures(double throttle, double serverError, double timeout) {
        return new FaultProfile(null, NO_LATENCY, throttle, 1, serverError, timeout, 60_000, 0, 0, 0);
    }

    public static FaultProfile answerFaults(double truncate, double refusal, double pii) {
        return new FaultProfile(null, NO_LATENCY, 0, 1, 0, 0, 60_000, truncate, refusal, pii);
    }

    public static FaultProfile latency(FaultProfile.LatencyMode mode, long ms, long maxMs) {
        return new FaultProfile(null, new FaultProfile.Latency(mode, ms, maxMs), 0, 1, 0, 0, 60_000, 0, 0, 0);
    }

    public static FaultProfile seeded(FaultProfile p, Long seed) {
        return new FaultProfile(seed, p.latency(), p.throttleRate(), p.retryAfterSeconds(), p.serverErrorRate(),
                p.timeoutRate(), p.timeoutHoldMs(), p.truncateRate(), p.refusalRate(), p.piiRate());
    }
}
