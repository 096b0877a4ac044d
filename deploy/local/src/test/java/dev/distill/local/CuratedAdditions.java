package dev.distill.local;

import dev.distill.events.ChatMessage;
import dev.distill.events.CuratedSampleEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.TeacherRef;
import dev.distill.skills.Addition;
import dev.distill.skills.Problem;
import dev.distill.skills.Split;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Curated samples for a trainer fed without a teacher: two-digit training additions with their correct solutions. */
final class CuratedAdditions {

    private CuratedAdditions() {
    }

    /** {@code count} samples {@code s-<i>} of prompts {@code p-<i>}, from training seeds {@code (seed, i)}, keyed. */
    static List<Map.Entry<String, String>> records(TeacherRef teacher, int count, long seed) {
        Addition addition = new Addition();
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Problem problem = addition.generate(Split.TRAIN.seed(seed, i), 2);
            CuratedSampleEvent sample = new CuratedSampleEvent(1, "s-" + i, "p-" + i, teacher,
                    List.of(ChatMessage.user(problem.prompt()), ChatMessage.assistant(addition.solve(problem))),
                    List.of(), "addition", "train", Map.of(), "reference@v1", Instant.now());
            records.add(Map.entry(sample.key(), EventCodec.toJson(sample)));
        }
        return records;
    }
}
