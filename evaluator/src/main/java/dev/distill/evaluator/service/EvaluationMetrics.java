package dev.distill.evaluator.service;

import dev.distill.events.BenchmarkEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code distill_evaluator_accuracy{student,teacher_version,skill}} (the latest scored checkpoint's accuracy on the
 * built-in suite, the one the gate judges; skill {@code overall} for the whole suite),
 * {@code distill_evaluator_suite_accuracy{student,suite,teacher_version,skill}} and
 * {@code distill_evaluator_agreement{student,suite,teacher_version,skill}} (the same, and the agreement with the
 * teacher's answers, on every suite), {@code distill_evaluator_benchmarks_total{suite,verdict}},
 * {@code distill_evaluator_benchmark_seconds{suite}} (decoding and grading one checkpoint on the suite),
 * {@code distill_evaluator_checkpoints_unscored_total{status}} (skipped as superseded, or failed to load),
 * {@code distill_evaluator_teacher_baseline_accuracy{teacher_version,suite,skill}} and
 * {@code distill_evaluator_teacher_baseline_seconds{suite,outcome}} (asking and judging a whole suite; outcome ready
 * or failed).
 */
@ApplicationScoped
public class EvaluationMetrics {

    private final MeterRegistry registry;
    private final Map<String, Map<Tags, AtomicReference<Double>>> gauges = new ConcurrentHashMap<>();

    public EvaluationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void evaluationTook(String suite, long nanos) {
        registry.timer("distill_evaluator_benchmark_seconds", "suite", suite).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void scored(BenchmarkEvent event) {
        registry.counter("distill_evaluator_benchmarks_total", "suite", event.suite(), "verdict", event.verdict())
                .increment();
        String teacherVersion = event.teacherVersion() == null ? "none" : event.teacherVersion();
        if (EvalSuite.BUILTIN.equals(event.suite())) {
            Tags student = Tags.of("student", event.studentId(), "teacher_version", teacherVersion);
            perSkill("distill_evaluator_accuracy", student, event.accuracy(), event.perSkillAccuracy());
        }
        Tags suite = Tags.of("student", event.studentId(), "suite", event.suite(), "teacher_version", teacherVersion);
        perSkill("distill_evaluator_suite_accuracy", suite, event.accuracy(), event.perSkillAccuracy());
        if (event.agreementWithTeacher() != null) {
            perSkill("distill_evaluator_agreement", suite, event.agreementWithTeacher(),
                    event.perSkillAgreement() == null ? Map.of() : event.perSkillAgreement());
        }
    }

    public void unscored(String status) {
        registry.counter("distill_evaluator_checkpoints_unscored_total", "status", status).increment();
    }

    public void baseline(TeacherBaselines.Baseline baseline) {
        perSkill("distill_evaluator_teacher_baseline_accuracy",
                Tags.of("teacher_version", baseline.teacherVersion(), "suite", baseline.suite()), baseline.accuracy(),
                baseline.perSkill());
    }

    public void baselineTook(String suite, String outcome, long nanos) {
        registry.timer("distill_evaluator_teacher_baseline_seconds", "suite", suite, "outcome", outcome)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private void perSkill(String name, Tags tags, double overall, Map<String, Double> perSkill) {
        set(name, tags.and("skill", "overall"), overall);
        perSkill.forEach((skill, value) -> set(name, tags.and("skill", skill), value));
    }

    private void set(String name, Tags tags, double value) {
        gauges.computeIfAbsent(name, n -> new ConcurrentHashMap<>())
                .computeIfAbsent(tags, t -> registry.gauge(name, t, new AtomicReference<>(Double.NaN),
                        AtomicReference::get))
                .set(value);
    }
}
