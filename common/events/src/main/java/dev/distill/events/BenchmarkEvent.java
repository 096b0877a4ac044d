package dev.distill.events;

import java.time.Instant;
import java.util.Map;

/**
 * One checkpoint scored on one suite. Accuracies are fractions in 0..1; {@code teacherBaseline} and
 * {@code agreementWithTeacher} (the fraction of prompts where the student's final answer equals the teacher's) are
 * null when the teacher was not scored on the suite, and so are their per-skill maps (optional fields, added within
 * schema version 1). {@code latencyMsPerPrompt} is the generation time per prompt, {@code latencyP99Ms} the 99th
 * percentile of the time an answer took (its batch's generation time); {@code parameterCount} and
 * {@code checkpointBytes} give the student's size (optional fields, added within schema version 1).
 */
public record BenchmarkEvent(
        int schemaVersion,
        String checkpointId,
        String studentId,
        String suite,
        String teacherVersion,
        int prompts,
        double accuracy,
        Map<String, Double> perSkillAccuracy,
        Double teacherBaseline,
        Double agreementWithTeacher,
        double latencyMsPerPrompt,
        double tokensPerSecond,
        String verdict,
        Instant createdAt,
        Map<String, Double> perSkillTeacherBaseline,
        Map<String, Double> perSkillAgreement,
        Double latencyP99Ms,
        Long parameterCount,
        Long checkpointBytes) implements DistillEvent {

    public static final int SCHEMA_VERSION = 1;

    public BenchmarkEvent {
        Require.version(schemaVersion, SCHEMA_VERSION, "BenchmarkEvent");
        Require.present(checkpointId, "checkpointId");
        Require.present(studentId, "studentId");
        Require.present(suite, "suite");
        perSkillAccuracy = Map.copyOf(Require.present(perSkillAccuracy, "perSkillAccuracy"));
        Require.present(verdict, "verdict");
        Require.present(createdAt, "createdAt");
        perSkillTeacherBaseline = perSkillTeacherBaseline == null ? null : Map.copyOf(perSkillTeacherBaseline);
        perSkillAgreement = perSkillAgreement == null ? null : Map.copyOf(perSkillAgreement);
    }

    /** Without the per-skill teacher figures (producers that have none). */
    public BenchmarkEvent(int schemaVersion, String checkpointId, String studentId, String suite, String teacherVersion,
            int prompts, double accuracy, Map<String, Double> perSkillAccuracy, Double teacherBaseline,
            Double agreementWithTeacher, double latencyMsPerPrompt, double tokensPerSecond, String verdict,
            Instant createdAt) {
        this(schemaVersion, checkpointId, studentId, suite, teacherVersion, prompts, accuracy, perSkillAccuracy,
                teacherBaseline, agreementWithTeacher, latencyMsPerPrompt, tokensPerSecond, verdict, createdAt, null,
                null, null, null, null);
    }

    @Override
    public String eventId() {
        return idOf(checkpointId, suite);
    }

    /** The id of the benchmark of {@code checkpointId} on {@code suite}, known before it is scored. */
    public static String idOf(String checkpointId, String suite) {
        return "benchmark:" + checkpointId + ":" + suite;
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
