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
 * {@code distill_evaluator_accuracy{student,teacher_version,skill}} (the latest scored checkpoint's accuracy; skill
 * {@code overall} for the whole suite), {@code distill_evaluator_benchmarks_total{suite,verdict}},
 * {@code distill_evaluator_benchmark_seconds{suite}} (loading and scoring one checkpoint) and
 * {@code distill_evaluator_checkpoints_unscored_total{status}} (skipped as superseded, or failed to load).
 */
@ApplicationScoped
public class EvaluationMetrics {

    private final MeterRegistry registry;
    private final Map<Tags, AtomicReference<Double>> accuracy = new ConcurrentHashMap<>();

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
        set(event.studentId(), teacherVersion, "overall", event.accuracy());
        event.perSkillAccuracy().forEach((skill, value) -> set(event.studentId(), teacherVersion, skill, value));
    }

    public void unscored(String status) {
        registry.counter("distill_evaluator_checkpoints_unscored_total", "status", status).increment();
    }

    private void set(String student, String teacherVersion, String skill, double value) {
        Tags tags = Tags.of("student", student, "teacher_version", teacherVersion, "skill", skill);
        accuracy.computeIfAbsent(tags, t -> registry.gauge("distill_evaluator_accuracy", t,
                new AtomicReference<>(Double.NaN), AtomicReference::get)).set(value);
    }
}
