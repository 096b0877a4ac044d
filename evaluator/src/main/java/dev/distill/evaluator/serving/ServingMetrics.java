package dev.distill.evaluator.serving;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * {@code distill_serving_requests_total{outcome}}, {@code distill_serving_latency_seconds} (one completion, with p50
 * and p99), {@code distill_serving_first_token_seconds} (a streamed completion's first piece of text, with p50 and p99)
 * and {@code distill_serving_champion_info{student,checkpoint}} (1 for the checkpoint being served, so a
 * dashboard can show which one).
 */
@ApplicationScoped
public class ServingMetrics {

    private final MeterRegistry registry;
    private final Timer latency;
    private final Timer firstToken;
    private Gauge championInfo;

    public ServingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("distill_serving_latency_seconds").description("Time to answer one completion")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.firstToken = Timer.builder("distill_serving_first_token_seconds")
                .description("Time from a streamed request to its first piece of text")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    public void firstToken(long nanos) {
        firstToken.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void request(String outcome) {
        registry.counter("distill_serving_requests_total", "outcome", outcome).increment();
    }

    public void completed(long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public synchronized void serving(String student, String checkpoint) {
        if (championInfo != null) {
            registry.remove(championInfo);
        }
        championInfo = Gauge.builder("distill_serving_champion_info", () -> 1)
                .tags("student", student, "checkpoint", checkpoint).register(registry);
    }
}
