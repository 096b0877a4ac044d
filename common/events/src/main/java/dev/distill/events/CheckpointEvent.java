package dev.distill.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A student checkpoint was written. {@code consumedOffsets} maps "topic-partition" to the next offset to
 * read, so training can resume exactly; {@code studentConfig} is the model's shape as the model module writes it.
 */
public record CheckpointEvent(
        int schemaVersion,
        String studentId,
        String checkpointId,
        long step,
        List<String> teacherVersions,
        long samplesSeen,
        long tokensSeen,
        double trainLoss,
        String uri,
        long parameterCount,
        Map<String, Object> studentConfig,
        Map<String, Long> consumedOffsets,
        Instant createdAt) implements DistillEvent {

    public static final int SCHEMA_VERSION = 1;

    public CheckpointEvent {
        Require.version(schemaVersion, SCHEMA_VERSION, "CheckpointEvent");
        Require.present(studentId, "studentId");
        Require.present(checkpointId, "checkpointId");
        teacherVersions = Require.list(teacherVersions, "teacherVersions");
        Require.present(uri, "uri");
        studentConfig = Map.copyOf(Require.present(studentConfig, "studentConfig"));
        consumedOffsets = consumedOffsets == null ? Map.of() : Map.copyOf(consumedOffsets);
        Require.present(createdAt, "createdAt");
    }

    @Override
    public String eventId() {
        return "checkpoint:" + checkpointId;
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
