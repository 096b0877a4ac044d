package dev.distill.gateway.service;

import dev.distill.events.TeacherRef;
import dev.distill.events.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's Prometheus metrics: {@code distill_teacher_requests_total{teacher,version,outcome}} (one per HTTP
 * attempt), {@code distill_teacher_latency_seconds}, {@code distill_teacher_tokens_total{kind}},
 * {@code distill_teacher_cost_usd_total} and {@code distill_teacher_replays_total} (answers re-published from the
 * ledger instead of asking the teacher again).
 */
@ApplicationScoped
public class TeacherMetrics {

    private final MeterRegistry registry;

    public TeacherMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void attempt(TeacherRef teacher, String outcome, long nanos) {
        Counter.builder("distill.teacher.requests")
                .description("HTTP calls to the teacher by outcome")
                .tag("teacher", teacher.name()).tag("version", teacher.version()).tag("outcome", outcome)
                .register(registry).increment();
        Timer.builder("distill.teacher.latency")
                .description("Latency of one teacher call")
                .tag("teacher", teacher.name()).tag("version", teacher.version())
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void answered(TeacherRef teacher, Usage usage, double costUsd) {
        tokens(teacher, "prompt").increment(usage.promptTokens());
        tokens(teacher, "completion").increment(usage.completionTokens());
        Counter.builder("distill.teacher.cost.usd")
                .description("Teacher spend in USD from the configured per-1k-token prices")
                .tag("teacher", teacher.name()).tag("version", teacher.version())
                .register(registry).increment(costUsd);
    }

    public void replayed(TeacherRef teacher) {
        Counter.builder("distill.teacher.replays")
                .description("Redelivered prompts answered from the ledger without calling the teacher")
                .tag("teacher", teacher.name()).tag("version", teacher.version())
                .register(registry).increment();
    }

    private Counter tokens(TeacherRef teacher, String kind) {
        return Counter.builder("distill.teacher.tokens")
                .description("Tokens billed by the teacher")
                .tag("teacher", teacher.name()).tag("version", teacher.version()).tag("kind", kind)
                .register(registry);
    }
}
