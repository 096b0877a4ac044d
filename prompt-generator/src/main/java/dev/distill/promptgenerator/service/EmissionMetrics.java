package dev.distill.promptgenerator.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code distill_prompts_emitted_total{campaign,skill}}, and per campaign the prompts still to emit
 * ({@code distill_campaign_prompts_remaining}) and how far emission is behind its paced schedule
 * ({@code distill_campaign_schedule_lag_prompts}; stays near 0 unless the broker or database is slow).
 */
@ApplicationScoped
public class EmissionMetrics {

    private final MeterRegistry registry;
    /** Gauges read these; the map keeps them strongly reachable (Micrometer holds gauge targets weakly). */
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();

    public EmissionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void emitted(String campaignId, String skill, long n) {
        registry.counter("distill.prompts.emitted", "campaign", campaignId, "skill", skill == null ? "none" : skill)
                .increment(n);
    }

    public void progress(String campaignId, long remaining, long lag) {
        Progress p = progress.computeIfAbsent(campaignId, id -> {
            Progress created = new Progress();
            Gauge.builder("distill.campaign.prompts.remaining", created.remaining, AtomicLong::get)
                    .tag("campaign", id).register(registry);
            Gauge.builder("distill.campaign.schedule.lag.prompts", created.lag, AtomicLong::get)
                    .tag("campaign", id).register(registry);
            return created;
        });
        p.remaining.set(remaining);
        p.lag.set(lag);
    }

    private static final class Progress {
        final AtomicLong remaining = new AtomicLong();
        final AtomicLong lag = new AtomicLong();
    }
}
