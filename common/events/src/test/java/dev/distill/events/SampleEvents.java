package dev.distill.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One fully populated example of every event, with non-Latin text where text flows. */
final class SampleEvents {

    static final Instant T = Instant.parse("2026-11-28T12:00:00Z");
    static final TeacherRef TEACHER = new TeacherRef("reference", "reference-teacher", "v1");
    static final List<ChatMessage> PROMPT = List.of(ChatMessage.user("ما هو 347 + 285؟"));

    static List<DistillEvent> all() {
        return List.of(
                new PromptEvent(1, "p-1", "c-1", "skills", "addition", PROMPT, new Reference("632", "final-answer"),
                        "train", new Sampling(0.0, 256, 5), null, T),
                new TeacherResponseEvent(1, "p-1", "c-1", TEACHER, PROMPT, "7+5=12 carry 1\n#### 632", "stop",
                        List.of(new TokenLogprob("7", -0.01, List.of(new TokenLogprob.Alternative("7", -0.01),
                                new TokenLogprob.Alternative("8", -4.6)))),
                        new Usage(12, 20), 0.0001, 42, false, "addition", "train", new Reference("632", "final-answer"), T),
                new CuratedSampleEvent(1, "s-1", "p-1", TEACHER,
                        List.of(PROMPT.get(0), ChatMessage.assistant("#### 632")), List.of(), "addition", "train",
                        Map.of("meanLogprob", -0.2), "reference@v1", T),
                new RejectedSampleEvent(1, "p-2", TEACHER, "verification", "wrong-answer", "expected 632, got 633",
                        "addition", "train", T),
                new TeacherVersionEvent(1, "reference", "reference-teacher", "v2", T, "sample", 0.5),
                new CheckpointEvent(1, "student-a", "student-a-000100", 100, List.of("reference@v1"), 3200, 400_000,
                        0.42, "file:///tmp/ck", 98_000, Map.of("preset", "tiny", "dModel", 64),
                        Map.of("distill.samples.curated-0", 3200L), T),
                new BenchmarkEvent(1, "student-a-000100", "student-a", "builtin", "reference@v1", 100, 0.93,
                        Map.of("addition", 0.93), 0.85, 0.9, 12.5, 800.0, "evaluated", T),
                new PromotionEvent(1, "student-a", "student-a-000100", null, "first checkpoint to reach the gate", T),
                new SuitePromptEvent(1, "builtin", "builtin-addition-0", "addition", PROMPT, T));
    }

    private SampleEvents() {
    }
}
