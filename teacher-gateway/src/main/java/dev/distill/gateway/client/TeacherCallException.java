package dev.distill.gateway.client;

/**
 * A teacher call that did not produce a usable answer. The message becomes the {@code dead-letter-reason}
 * header of the prompt in the DLQ, so it says what happened (status, timeout, bad body) and never holds secrets.
 */
public class TeacherCallException extends RuntimeException {

    /** Also the {@code outcome} tag of {@code distill_teacher_requests_total}. */
    public enum Kind {
        HTTP_ERROR("http_error"), TIMEOUT("timeout"), CONNECTION("connection_error"), INVALID_RESPONSE("invalid_response");

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

    public TeacherCallException(Kind kind, int status, String message, Throwable cause) {
        this(kind, status, 1, message, cause);
    }

    public TeacherCallException(Kind kind, int status, int attempts, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.attempts = attempts;
    }

    /** HTTP attempts made before giving up. */
    public int attempts() {
        return attempts;
    }

    public Kind kind() {
        return kind;
    }

    /** HTTP status, or 0 when there was none. */
    public int status() {
        return status;
    }

    /** Worth another attempt: server errors, throttling, timeouts and broken connections. */
    public boolean retryable() {
        return switch (kind) {
            case TIMEOUT, CONNECTION -> true;
            case HTTP_ERROR -> status >= 500 || status == 408 || status == 429;
            case INVALID_RESPONSE -> false;
        };
    }
}
