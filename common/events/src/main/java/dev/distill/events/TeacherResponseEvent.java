package dev.distill.events;

import java.time.Instant;
import java.util.List;

/** The teacher's answer to one prompt, with the prompt's skill, split and reference carried through unchanged. */
public record TeacherResponseEvent(
        int schemaVersion,
        String promptId,
        String campaignId,
        TeacherRef teacher,
        List<ChatMessage> messages,
        String completion,
        String finishReason,
        List<TokenLogprob> tokens,
        Usage usage,
        double costUsd,
        long latencyMs,
        boolean cached,
        String skill,
        String split,
        Reference reference,
        Instant createdAt) implements DistillEvent {

    public static final int SCHEMA_VERSION = 1;

    public TeacherResponseEvent {
        Require.version(schemaVersion, SCHEMA_VERSION, "TeacherResponseEvent");
        Require.present(promptId, "promptId");
        Require.present(campaignId, "campaignId");
        Require.present(teacher, "teacher");
        messages = Require.list(messages, "messages");
        Require.present(completion == null ? null : "x", "completion"); // an empty completion is a fact to curate
        Require.present(finishReason, "finishReason");
        tokens = Require.optionalList(tokens);
        usage = usage == null ? Usage.NONE : usage;
        Require.present(split, "split");
        Require.present(createdAt, "createdAt");
    }

    @Override
    public String eventId() {
        return "response:" + promptId + ":" + teacher.qualifiedVersion();
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
