package dev.distill.curator.domain;

import dev.distill.events.ChatMessage;
import dev.distill.events.TeacherRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How curation treated one response: curated or rejected (by which filter, why), the filters it passed in order,
 * what they changed (redactions by kind), and the messages as stored (the curated sample; for a rejection, the
 * prompt with personal data redacted).
 */
public record Lineage(String promptId, String datasetVersion, TeacherRef teacher, String outcome, String filter,
        String reason, String detail, List<String> filtersPassed, Map<String, Integer> changes, String skill,
        String split, List<ChatMessage> messages, Instant createdAt, Instant publishedAt) {
}
