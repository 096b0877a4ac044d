package dev.distill.referenceteacher.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Chat-completion requests received since start or the last reset, by outcome ({@code GET /admin/stats}).
 * {@code total} is the sum of the outcomes, so a reader never sees them disagree.
 */
public record RequestStats(
        long total,
        long ok,
        long throttled,
        @JsonProperty("server_error") long serverError,
        long timeout,
        long truncated,
        long refusal,
        long pii,
        long invalid) {
}
