package dev.distill.curator.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code distill_samples_curated_total{dataset}}, {@code distill_samples_rejected_total{filter,reason}} and
 * {@code distill_samples_redelivered_total} (responses seen again and answered from the stored outcome).
 */
@ApplicationScoped
public class CurationMetrics {

    private final MeterRegistry registry;

    public CurationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void curated(String dataset) {
        Counter.builder("distill.samples.curated").description("Samples accepted into a dataset")
                .tag("dataset", dataset).register(registry).increment();
    }

    public void rejected(String filter, String reason) {
        Counter.builder("distill.samples.rejected").description("Teacher responses turned down by curation")
                .tag("filter", filter).tag("reason", reason).register(registry).increment();
    }

    public void redelivered() {
        Counter.builder("distill.samples.redelivered")
                .description("Responses curated before, answered from the stored outcome")
                .register(registry).increment();
    }
}
