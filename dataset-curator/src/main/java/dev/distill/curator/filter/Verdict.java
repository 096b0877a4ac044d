package dev.distill.curator.filter;

import dev.distill.events.TeacherResponseEvent;
import java.util.List;
import java.util.Map;

/**
 * The chain's decision: accepted, or rejected by the named filter for a reason; with the sample as the filters left
 * it (redacted, for instance), the filters it passed in order, and what they changed.
 */
public record Verdict(boolean accepted, String filter, String reason, String detail, TeacherResponseEvent sample,
        List<String> passed, Map<String, Integer> changes) {

    public Verdict {
        passed = List.copyOf(passed);
        changes = Map.copyOf(changes);
    }

    public static Verdict accept(TeacherResponseEvent sample, List<String> passed, Map<String, Integer> changes) {
        return new Verdict(true, null, null, null, sample, passed, changes);
    }

    public static Verdict rejectedBy(String filter, FilterResult result, TeacherResponseEvent sample,
            List<String> passed, Map<String, Integer> changes) {
        return new Verdict(false, filter, result.reason(), result.detail(), sample, passed, changes);
    }
}
