package dev.distill.events;

import java.time.Instant;
import java.util.List;

/**
 * A prompt to put to the teacher. {@code reference} is for the curator and evaluator only; the gateway
 * never sends it to a teacher. {@code teacherVersion} is set when the prompt is replayed for a specific version.
 */
public record PromptEvent(
        int schemaVersion,
        String promptId,
        String campaignId,
        String source,
        String skill,
        List<ChatMessage> messages,
        Reference reference,
        String split,
        Sampling sampling,
        String teacherVersion,
        Instant createdAt) implements DistillEvent {

    public static final int SCHEMA_VERSION = 1;

    public PromptEvent {
        Require.version(schemaVersion, SCHEMA_VERSION, "PromptEvent");
        Require.present(promptId, "promptId");
        Require.present(campaignId, "campaignId");
        Require.present(source, "source");
        messages = Require.list(messages, "messages");
        Require.present(split, "split");
        Require.present(sampling, "sampling");
        Require.present(createdAt, "createdAt");
    }

    @Override
    public String eventId() {
        return "prompt:" + promptId + (teacherVersion == null ? "" : "@" + teacherVersion);
    }

    @Override
    public String key() {
        return promptId;
    }

    @Override
    public Instant time() {
        return createdAt;
    }
}
