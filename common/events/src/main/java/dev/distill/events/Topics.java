package dev.distill.events;

import java.util.List;

/** Topic names. Keys are given per topic; a DLQ topic takes its source's key and value unchanged. */
public final class Topics {

    /** Key: promptId. */
    public static final String PROMPTS = "distill.prompts";
    /** Key: promptId. */
    public static final String TEACHER_RESPONSES = "distill.teacher-responses";
    /** Key: promptId. */
    public static final String SAMPLES_CURATED = "distill.samples.curated";
    /** Key: promptId. */
    public static final String SAMPLES_REJECTED = "distill.samples.rejected";
    /** Key: teacher name. */
    public static final String TEACHER_VERSIONS = "distill.teacher-versions";
    /** Key: studentId. */
    public static final String CHECKPOINTS = "distill.checkpoints";
    /** Key: studentId. */
    public static final String BENCHMARKS = "distill.benchmarks";
    /** Key: studentId. */
    public static final String PROMOTIONS = "distill.promotions";
    /** Key: {@code <suite>/<promptId>}. Compacted: the current prompts of every benchmark suite. */
    public static final String SUITE_PROMPTS = "distill.suite-prompts";

    public static final String DLQ_SUFFIX = ".dlq";

    /** Every topic above (not the DLQs). */
    public static final List<String> ALL = List.of(PROMPTS, TEACHER_RESPONSES, SAMPLES_CURATED, SAMPLES_REJECTED,
            TEACHER_VERSIONS, CHECKPOINTS, BENCHMARKS, PROMOTIONS, SUITE_PROMPTS);

    private Topics() {
    }

    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
