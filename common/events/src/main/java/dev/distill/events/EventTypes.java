package dev.distill.events;

import java.util.Map;

/** The CloudEvents {@code ce_type} of each event, and the JSON Schema that describes it. */
public final class EventTypes {

    private static final Map<Class<? extends DistillEvent>, String> NAMES = Map.of(
            PromptEvent.class, "prompt",
            TeacherResponseEvent.class, "teacher-response",
            CuratedSampleEvent.class, "curated-sample",
            RejectedSampleEvent.class, "rejected-sample",
            TeacherVersionEvent.class, "teacher-version",
            CheckpointEvent.class, "checkpoint",
            BenchmarkEvent.class, "benchmark",
            PromotionEvent.class, "promotion",
            SuitePromptEvent.class, "suite-prompt");

    private EventTypes() {
    }

    /** For example {@code dev.distill.prompt.v1}. */
    public static String ceType(Class<? extends DistillEvent> type) {
        return "dev.distill." + name(type) + ".v1";
    }

    /** Classpath location of the JSON Schema, for example {@code schemas/prompt.v1.json}. */
    public static String schemaResource(Class<? extends DistillEvent> type) {
        return "schemas/" + name(type) + ".v1.json";
    }

    public static Iterable<Class<? extends DistillEvent>> all() {
        return NAMES.keySet();
    }

    private static String name(Class<? extends DistillEvent> type) {
        String name = NAMES.get(type);
        if (name == null) {
            throw new IllegalArgumentException("not a distill event type: " + type.getName());
        }
        return name;
    }
}
