package dev.distill.referenceteacher.service;

import dev.distill.referenceteacher.domain.FaultProfile;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Decides one request's faults: one draw picks throttle, server error, timeout or none; if none, a second draw picks
 * truncate, refusal, pii or none; then the latency. Every draw is made whatever the outcome, so a request's faults
 * depend only on its own random stream.
 */
public final class FaultDecider {

    static final int[] SERVER_ERROR_STATUSES = {500, 502, 503};

    private FaultDecider() {
    }

    public static FaultPlan decide(FaultProfile profile, RandomGenerator rng) {
        double failureDraw = rng.nextDouble();
        int serverErrorStatus = SERVER_ERROR_STATUSES[rng.nextInt(SERVER_ERROR_STATUSES.length)];
        double answerDraw = rng.nextDouble();
        Duration latency = LatencySampler.sample(profile.latency(), rng); // last: lognormal draws vary in length

        if (failureDraw < profile.throttleRate()) {
            return new FaultPlan(FaultPlan.Failure.THROTTLE, 429, profile.retryAfterSeconds(), AnswerFault.NONE, latency);
        }
        if (failureDraw < profile.throttleRate() + profile.serverErrorRate()) {
            return new FaultPlan(FaultPlan.Failure.SERVER_ERROR, serverErrorStatus, 0, AnswerFault.NONE, latency);
        }
        if (failureDraw < profile.throttleRate() + profile.serverErrorRate() + profile.timeoutRate()) {
            return new FaultPlan(FaultPlan.Failure.TIMEOUT, 504, 0, AnswerFault.NONE,
                    Duration.ofMillis(profile.timeoutHoldMs()));
        }
        AnswerFault answerFault = AnswerFault.NONE;
        if (answerDraw < profile.truncateRate()) {
            answerFault = AnswerFault.TRUNCATE;
        } else if (answerDraw < profile.truncateRate() + profile.refusalRate()) {
            answerFault = AnswerFault.REFUSAL;
        } else if (answerDraw < profile.truncateRate() + profile.refusalRate() + profile.piiRate()) {
            answerFault = AnswerFault.PII;
        }
        return new FaultPlan(FaultPlan.Failure.NONE, 200, 0, answerFault, latency);
    }
}
