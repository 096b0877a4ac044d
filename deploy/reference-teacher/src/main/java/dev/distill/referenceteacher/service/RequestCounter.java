package dev.distill.referenceteacher.service;

import dev.distill.referenceteacher.domain.RequestStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts chat-completion requests by outcome, once each: for {@code /admin/stats} (resettable, so a test can count
 * the calls it caused) and for {@code reference_teacher_requests_total{outcome}} (monotonic, as Prometheus expects).
 */
@ApplicationScoped
public class RequestCounter {

    private final Map<RequestOutcome, LongAdder> counts = new EnumMap<>(RequestOutcome.class);
    private final Map<RequestOutcome, Counter> meters = new EnumMap<>(RequestOutcome.class);

    public RequestCounter(MeterRegistry registry) {
        for (RequestOutcome outcome : RequestOutcome.values()) {
            counts.put(outcome, new LongAdder());
            // registered up front so every outcome is exported, at 0, before it first happens
            meters.put(outcome, Counter.builder("reference.teacher.requests").tag("outcome", outcome.tag())
                    .description("Chat-completion requests received, by outcome").register(registry));
        }
    }

    public void record(RequestOutcome outcome) {
        counts.get(outcome).increment();
        meters.get(outcome).increment();
    }

    public RequestStats snapshot() {
        long ok = count(RequestOutcome.OK);
        long throttled = count(RequestOutcome.THROTTLED);
        long serverError = count(RequestOutcome.SERVER_ERROR);
        long timeout = count(RequestOutcome.TIMEOUT);
        long truncated = count(RequestOutcome.TRUNCATED);
        long refusal = count(RequestOutcome.REFUSAL);
        long pii = count(RequestOutcome.PII);
        long invalid = count(RequestOutcome.INVALID);
        return new RequestStats(ok + throttled + serverError + timeout + truncated + refusal + pii + invalid,
                ok, throttled, serverError, timeout, truncated, refusal, pii, invalid);
    }

    /** Zeroes {@code /admin/stats}; the Micrometer counters keep counting. */
    public void reset() {
        counts.values().forEach(LongAdder::reset);
    }

    private long count(RequestOutcome outcome) {
        return counts.get(outcome).sum();
    }
}
