package dev.distill.referenceteacher.service;

import java.util.Locale;

/** How a chat-completion request ended, as counted by {@code /admin/stats} and {@code reference_teacher_requests_total}. */
public enum RequestOutcome {
    /** Answered normally (right, wrong or unrecognised; a client's own {@code max_tokens} cut included). */
    OK,
    THROTTLED,
    SERVER_ERROR,
    TIMEOUT,
    TRUNCATED,
    REFUSAL,
    PII,
    /** Refused as a bad request (400/404): unparseable, unknown model, invalid field. */
    INVALID;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
