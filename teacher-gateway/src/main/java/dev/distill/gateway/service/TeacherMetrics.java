package dev.distill.gateway.service;

import dev.distill.events.TeacherRef;
import dev.distill.events.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The gateway's Prometheus metrics, all tagged by teacher and version:
 * {@code distill_teacher_requests_total{outcome}} (one per HTTP attempt: ok, throttled, http_error, timeout,
 * connection_error, invalid_response), {@code distill_teacher_latency_seconds} (histogram),
 * {@code distill_teacher_in_flight}, {@code distill_teacher_waiting}, {@code distill_teacher_retries_total{reason}},
 * {@code distill_teacher_circuit_state} (0 closed, 1 half-open, 2 open), {@code distill_teacher_cache_hits_total},
 * {@code distill_teacher_tokens_total{kind}}, {@code distill_teacher_cost_usd_total}; and
 * {@code distill_gateway_dead_letters_total{reason}}.
 */
@ApplicationScoped
public class TeacherMetrics {

    private final MeterRegistry registry;

    public TeacherMetrics(MeterRegistry registry) {
        this.registry = registry;
        // at zero from the start, so that the DLQ alert and panel see a series before the first dead letter
        for (String reason : List.of("malformed", "invalid_prompt", "unroutable")) {
            deadLetters(reason);
        }
    }

    private static Tags tags(TeacherRef teacher) {
        return Tags.of("teacher", teacher.name(), "version", teacher.version());
    }

    public void attempt(TeacherRef teacher, String outcome, long nanos) {
        Counter.builder("distill.teacher.requests").description("HTTP calls to the teacher by outcome")
                .tags(tags(teacher)).tag("outcome", outcome).register(registry).increment();
        Timer.builder("distill.teacher.latency").description("Latency of one teacher call")
                .tags(tags(teacher)).publishPercentileHistogram().register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void retry(TeacherRef teacher, String reason) {
        Counter.builder("distill.teacher.retries").description("Teacher calls retried, by the failure that caused it")
                .tags(tags(teacher)).tag("reason", reason).register(registry).increment();
    }

    public void billed(TeacherRef teacher, Usage usage, double costUsd) {
        tokens(teacher, "prompt").increment(usage.promptTokens());
        tokens(teacher, "completion").increment(usage.completionTokens());
        Counter.builder("distill.teacher.cost.usd").description("Teacher spend in USD from the configured prices")
                .tags(tags(teacher)).register(registry).increment(costUsd);
    }

    public void cacheHit(TeacherRef teacher) {
        cacheHits(teacher).increment();
    }

    private Counter cacheHits(TeacherRef teacher) {
        return Counter.builder("distill.teacher.cache.hits").description("Requests answered from the response cache")
                .tags(tags(teacher)).register(registry);
    }

    public void deadLetter(String reason) {
        deadLetters(reason).increment();
    }

    private Counter deadLetters(String reason) {
        return Counter.builder("distill.gateway.dead.letters").description("Prompts sent to the DLQ, by reason")
                .tag("reason", reason).register(registry);
    }

    /** Gauges of one teacher channel; the returned meters are removed when the channel is replaced. */
    public List<Meter> channelGauges(TeacherRef teacher, Supplier<Number> inFlight, Supplier<Number> waiting,
            Supplier<Number> circuitState) {
        // the cache-hit rate per version needs the counter at zero before the first hit; it outlives the channel
        cacheHits(teacher);
        return List.of(
                Gauge.builder("distill.teacher.in.flight", inFlight).description("Teacher calls in flight")
                        .tags(tags(teacher)).strongReference(true).register(registry),
                Gauge.builder("distill.teacher.waiting", waiting)
                        .description("Requests waiting for an in-flight slot").tags(tags(teacher)).strongReference(true)
                        .register(registry),
                Gauge.builder("distill.teacher.circuit.state", circuitState)
                        .description("Circuit breaker: 0 closed, 1 half-open, 2 open").tags(tags(teacher))
                        .strongReference(true).register(registry));
    }

    public void remove(List<Meter> meters) {
        meters.forEach(registry::remove);
    }

    private Counter tokens(TeacherRef teacher, String kind) {
        return Counter.builder("distill.teacher.tokens").description("Tokens billed by the teacher")
                .tags(tags(teacher)).tag("kind", kind).register(registry);
    }
}
