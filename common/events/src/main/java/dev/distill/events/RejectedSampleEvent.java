package dev.distill.events;

import java.time.Instant;

/** A teacher response that curation turned down, with the filter that did it and why. */
public record RejectedSampleEvent(
        int schemaVersion,
        String promptId,
        TeacherRef teacher,
        String filter,
        String reason,
        String detail,
        String skill,
        String split,
        Instant createdAt) implements DistillEvent {

    public static final int SCHEMA_VERSION = 1;

    public RejectedSampleEvent {
        Require.version(schemaVersion, SCHEMA_VERSION, "RejectedSampleEvent");
        Require.present(promptId, "promptId");
        Require.present(teacher, "teacher");
        Require.present(filter, "filter");
        Require.present(reason, "reason");
        Require.present(split, "split");
        Require.present(createdAt, "createdAt");
    }

    @Override
    public String eventId() {
        return "rejected:" + promptId + ":" + teacher.qualifiedVersion();
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
