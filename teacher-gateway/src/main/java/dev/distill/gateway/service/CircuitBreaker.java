package dev.distill.gateway.service;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Per teacher version: after {@code failureThreshold} consecutive server faults the circuit opens and calls wait
 * (they are not failed: a prompt must survive the teacher's bad day) until {@code openFor} has passed; then one trial
 * call goes through, and its outcome closes or re-opens the circuit. A {@code Retry-After} from the teacher
 * holds every call until then, whatever the state.
 */
public final class CircuitBreaker {

    public enum State {
        CLOSED(0), HALF_OPEN(1), OPEN(2);

        /** The value of the {@code distill_teacher_circuit_state} gauge. */
        public final int gauge;

        State(int gauge) {
            this.gauge = gauge;
        }
    }

    /** How often a call waiting behind a half-open trial looks again. */
    private static final long TRIAL_POLL_NANOS = Duration.ofMillis(50).toNanos();

    private final int failureThreshold;
    private final long openForNanos;
    private final LongSupplier nanoClock;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private boolean trialInFlight;
    private long holdUntil;

    public CircuitBreaker(int failureThreshold, Duration openFor, LongSupplier nanoClock) {
        this.failureThreshold = Math.max(1, failureThreshold);
        this.openForNanos = openFor.toNanos();
        this.nanoClock = nanoClock;
        this.holdUntil = nanoClock.getAsLong();
    }

    /** Zero when a call may go now (a trial, when half-open); otherwise how long to wait before asking again. */
    public synchronized Duration admit() {
        long now = nanoClock.getAsLong();
        if (now - holdUntil < 0) {
            return Duration.ofNanos(holdUntil - now);
        }
        switch (state) {
            case CLOSED:
                return Duration.ZERO;
            case OPEN:
                long remaining = openedAt + openForNanos - now;
                if (remaining > 0) {
                    return Duration.ofNanos(remaining);
                }
                state = State.HALF_OPEN;
                trialInFlight = true;
                return Duration.ZERO;
            default:
                if (trialInFlight) {
                    return Duration.ofNanos(TRIAL_POLL_NANOS);
                }
                trialInFlight = true;
                return Duration.ZERO;
        }
    }

    /** The server answered (even with a client error): it is up. */
    public synchronized void onResponse() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
    }

    /** A timeout, a refused connection or a 5xx. */
    public synchronized void onServerFault() {
        consecutiveFailures++;
        trialInFlight = false;
        if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
            state = State.OPEN;
            openedAt = nanoClock.getAsLong();
        }
    }

    /** The teacher asked to be left alone for {@code duration} (Retry-After). */
    public synchronized void holdFor(Duration duration) {
        long until = nanoClock.getAsLong() + duration.toNanos();
        if (until - holdUntil > 0) {
            holdUntil = until;
        }
        trialInFlight = false;
    }

    public synchronized State state() {
        return state;
    }
}
