package dev.distill.trainer.service;

import dev.distill.model.TeacherTargets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts, per sample taken into training by a distilling student, how the teacher's tokens projected onto its answer
 * ({@code distill_trainer_teacher_targets_total{outcome}}): a rising {@code misaligned} count means the teacher's
 * tokens stopped matching the curated answers, and distillation silently turned into cross-entropy.
 */
@ApplicationScoped
public class TeacherTargetCounter {

    private final Map<TeacherTargets.Outcome, Counter> outcomes = new EnumMap<>(TeacherTargets.Outcome.class);

    public TeacherTargetCounter(MeterRegistry registry) {
        for (TeacherTargets.Outcome outcome : TeacherTargets.Outcome.values()) {
            outcomes.put(outcome, registry.counter("distill_trainer_teacher_targets_total", "outcome", tag(outcome)));
        }
    }

    void counted(TeacherTargets.Outcome outcome) {
        outcomes.get(outcome).increment();
    }

    /** The metric label: PROJECTED is "projected", NO_TOKENS is "no-tokens". */
    static String tag(TeacherTargets.Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
