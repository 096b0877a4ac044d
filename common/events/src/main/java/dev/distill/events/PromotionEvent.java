package dev.distill.events;

import java.time.Instant;

/** A checkpoint became the champion for its student. */
public record PromotionEvent(
        int schemaVersion,
        String studentId,
        String checkpointId,
        String previousChampion,
        String reason,
        Instant createdAt) implements DistillEvent {

    public static final int SCHEMA_VERSION = 1;

    public PromotionEvent {
        Require.version(schemaVersion, SCHEMA_VERSION, "PromotionEvent");
        Require.present(studentId, "studentId");
        Require.present(checkpointId, "checkpointId");
        Require.present(reason, "reason");
        Require.present(createdAt, "createdAt");
    }

    @Override
    public String eventId() {
        return "promotion:" + studentId + ":" + checkpointId;
    }

    @Override
    public String key() {
        return studentId;
    }

    @Override
    public Instant time() {
        return createdAt;
    }
}
