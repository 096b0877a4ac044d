package dev.distill.events;

import java.time.Instant;

/**
 * A teacher version was announced. {@code replayPolicy} says what the prompt generator re-asks:
 * {@code all}, {@code sample} (a fraction, {@code replayFraction}) or {@code none}.
 */
public record TeacherVersionEvent(
        int schemaVersion,
        String teacherName,
        String model,
        String version,
        Instant announcedAt,
        String replayPolicy,
        Double replayFraction) implements DistillEvent {

    public static final int SCHEMA_VERSION = 1;

    public TeacherVersionEvent {
        Require.version(schemaVersion, SCHEMA_VERSION, "TeacherVersionEvent");
        Require.present(teacherName, "teacherName");
        Require.present(model, "model");
        Require.present(version, "version");
        Require.present(announcedAt, "announcedAt");
        Require.present(replayPolicy, "replayPolicy");
    }

    @Override
    public String eventId() {
        return "teacher-version:" + teacherName + "@" + version;
    }

    @Override
    public String key() {
        return teacherName;
    }

    @Override
    public Instant time() {
        return announcedAt;
    }
}
