package dev.distill.promptgenerator.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Emission metrics: {@code distill_prompts_emitted_total{campaign,skill}},
 * {@code distill_prompts_replayed_total{campaign,teacher_version}}, {@code distill_prompts_duplicates_total{campaign}},
 * {@code distill_campaign_lag_wait_seconds{campaign}} (a timer), and per campaign the gauges
 * {@code distill_campaign_emission_rate} (prompts/s over the last 10 s) and {@code distill_campaign_waiting_for_lag}
 * (1 while held back by the gateway's lag). The campaign status shows the same rate and waiting flag.
 */
@ApplicationScoped
public class EmissionMetrics {

    private static final int WINDOW_SECONDS = 10;

    private final MeterRegistry registry;
    /** Gauges read these; the map keeps them strongly reachable (Micrometer holds gauge targets weakly). */
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();

    public EmissionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void emitted(String campaignId, String skill, long n) {
        registry.counter("distill.prompts.emitted", "campaign", campaignId, "skill", skill).increment(n);
        progress(campaignId).record(n);
    }

    public void replayed(String campaignId, String teacherVersion, long n) {
        registry.counter("distill.prompts.replayed", "campaign", campaignId, "teacher_version", teacherVersion)
                .increment(n);
        progress(campaignId).record(n);
    }

    public void duplicates(String campaignId, long n) {
        if (n > 0) {
            registry.counter("distill.prompts.duplicates", "campaign", campaignId).increment(n);
        }
    }

    public void waitingForLag(String campaignId, boolean waiting) {
        progress(campaignId).waiting = waiting;
    }

    public void waitedForLag(String campaignId, long nanos) {
        if (nanos > 0) {
            registry.timer("distill.campaign.lag.wait", "campaign", campaignId).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Prompts per second over the last ten seconds, replays included; 0 for a campaign this process does not emit. */
    public double rate(String campaignId) {
        Progress p = progress.get(campaignId);
        return p == null ? 0 : p.rate();
    }

    public boolean isWaitingForLag(String campaignId) {
        Progress p = progress.get(campaignId);
        return p != null && p.waiting;
    }

    private Progress progress(String campaignId) {
        return progress.computeIfAbsent(campaignId, id -> {
            Progress created = new Progress();
            Gauge.builder("distill.campaign.emission.rate", created, Progress::rate).tag("campaign", id)
                    .register(registry);
            Gauge.builder("distill.campaign.waiting.for.lag", created, p -> p.waiting ? 1 : 0).tag("campaign", id)
                    .register(registry);
            return created;
        });
    }

    /** Counts per second in a ring of the last WINDOW_SECONDS seconds. */
    private static final class Progress {
        private final long[] counts = new long[WINDOW_SECONDS];
        private final long[] seconds = new long[WINDOW_SECONDS];
        volatile boolean waiting;

        synchronized void record(long n) {
            long now = System.currentTimeMillis() / 1000;
            int slot = (int) (now % WINDOW_SECONDS);
            if (seconds[slot] != now) {
                seconds[slot] = now;
                counts[slot] = 0;
            }
            counts[slot] += n;
        }

        synchronized double rate() {
            long now = System.currentTimeMillis() / 1000;
            long total = 0;
            for (int i = 0; i < WINDOW_SECONDS; i++) {
                if (now - seconds[i] < WINDOW_SECONDS) {
                    total += counts[i];
                }
            }
            return (double) total / WINDOW_SECONDS;
        }
    }
}
