package dev.distill.gateway.client;

import java.time.Duration;
import java.util.Optional;

/**
 * A teacher call that did not produce a usable answer. The message becomes the {@code dead-letter-reason} header of
 * the prompt in the DLQ, so it says what happened (status, timeout, bad body) and never holds secrets.
 */
public class TeacherCallException extends RuntimeException {

    /** Also the {@code outcome} tag of {@code distill_teacher_requests_total}. */
    public enum Kind {
        HTTP_ERROR("http_error"), THROTTLED("throttled"), TIMEOUT("timeout"), CONNECTION("connection_error"),
        INVALID_RESPONSE("invalid_response");

        private final String tag;

        Kind(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final Kind kind;
    private final int status;
    private final int attempts;
    private final Duration retryAfter;

    public TeacherCallException(Kind kind, int status, String message, Duration retryAfter, Throwable cause) {
        this(kind, status, 1, message, retryAfter, cause);
    }

    private TeacherCallException(Kind kind, int status, int attempts, String message, Duration retryAfter,
            Throwable cause) {
        super(message, cause, false, false); // no stack trace: these are expected, frequent and explained by the message
        this.kind = kind;
        this.status = status;
        this.attempts = attempts;
        this.retryAfter = retryAfter;
    }

    /** The final failure after {@code attempts} HTTP calls, for the DLQ. */
    public TeacherCallException afterAttempts(int attemptsMade, String teacher) {
        return new TeacherCallException(kind, status, attemptsMade,
                "teacher " + teacher + " failed after " + attemptsMade + " attempt(s): " + getMessage(), retryAfter,
                getCause());
    }

    public Kind kind() {
        return kind;
    }

    /** HTTP status, or 0 when there was none. */
    public int status() {
        return status;
    }

    /** HTTP attempts made before giving up. */
    public int attempts() {
        return attempts;
    }

    /** What the teacher asked for in {@code Retry-After}, if anything. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Worth another attempt: server errors, throttling, timeouts and broken connections. */
    public boolean retryable() {
        return switch (kind) {
            case THROTTLED, TIMEOUT, CONNECTION -> true;
            case HTTP_ERROR -> status >= 500 || status == 408;
            case INVALID_RESPONSE -> false;
        };
    }

    /** A sign the server is unwell, which the circuit breaker counts (throttling and bad requests are not). */
    public boolean serverFault() {
        return kind == Kind.TIMEOUT || kind == Kind.CONNECTION || (kind == Kind.HTTP_ERROR && status >= 500);
    }
}
