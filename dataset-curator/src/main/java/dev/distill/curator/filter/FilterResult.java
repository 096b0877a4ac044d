package dev.distill.curator.filter;

import dev.distill.events.TeacherResponseEvent;
import java.util.Map;

/**
 * What one filter decided: accept; reject with a short machine-readable reason and a human-readable detail; or
 * modify, handing the changed response to the rest of the chain with what it changed (e.g. redactions by kind:
 * counts only, never the redacted text).
 */
public record FilterResult(Outcome outcome, String reason, String detail, TeacherResponseEvent modified,
        Map<String, Integer> changes) {

    public enum Outcome { ACCEPT, REJECT, MODIFY }

    private static final FilterResult ACCEPT = new FilterResult(Outcome.ACCEPT, null, null, null, Map.of());

    public FilterResult {
        changes = changes == null ? Map.of() : Map.copyOf(changes);
    }

    public static FilterResult accept() {
        return ACCEPT;
    }

    public static FilterResult reject(String reason, String detail) {
        return new FilterResult(Outcome.REJECT, reason, detail, null, Map.of());
    }

    public static FilterResult modify(TeacherResponseEvent modified, Map<String, Integer> changes) {
        return new FilterResult(Outcome.MODIFY, null, null, modified, changes);
    }

    public boolean accepted() {
        return outcome != Outcome.REJECT;
    }
}
