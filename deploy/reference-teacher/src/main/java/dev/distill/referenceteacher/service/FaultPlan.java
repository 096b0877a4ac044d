package dev.distill.referenceteacher.service;

import java.time.Duration;

/**
 * The faults decided for one request. {@code failure} replaces the answer with an HTTP error of {@code status}
 * (a throttled one says {@code Retry-After: retryAfterSeconds}); otherwise the answer is given and
 * {@code answerFault} reshapes it. The response leaves after {@code delay} (the timeout hold for a timeout, the
 * sampled latency otherwise).
 */
public record FaultPlan(Failure failure, int status, int retryAfterSeconds, AnswerFault answerFault, Duration delay) {

    public enum Failure {
        NONE, THROTTLE, SERVER_ERROR, TIMEOUT
    }

    public static FaultPlan none() {
        return new FaultPlan(Failure.NONE, 200, 0, AnswerFault.NONE, Duration.ZERO);
    }

    /** The outcome of the request if it is valid (an invalid one is counted as {@link RequestOutcome#INVALID}). */
    public RequestOutcome outcome() {
        return switch (failure) {
            case THROTTLE -> RequestOutcome.THROTTLED;
            case SERVER_ERROR -> RequestOutcome.SERVER_ERROR;
            case TIMEOUT -> RequestOutcome.TIMEOUT;
            case NONE -> switch (answerFault) {
                case NONE -> RequestOutcome.OK;
                case TRUNCATE -> RequestOutcome.TRUNCATED;
                case REFUSAL -> RequestOutcome.REFUSAL;
                case PII -> RequestOutcome.PII;
            };
        };
    }
}
