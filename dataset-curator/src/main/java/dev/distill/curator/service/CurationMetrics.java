package dev.distill.curator.service;

import dev.distill.curator.filter.Verdict;
import dev.distill.events.TeacherResponseEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code distill_samples_curated_total{dataset,skill}}, {@code distill_samples_rejected_total{dataset,skill,filter,reason}},
 * {@code distill_samples_redacted_total{dataset,kind}} (items of personal data removed from curated samples),
 * {@code distill_curation_seconds} (claim, chain and store of a batch: the time each of its responses took),
 * {@code distill_curation_batch_responses} (responses per batch) and {@code distill_samples_redelivered_total}
 * (responses seen again and answered from the stored outcome). {@code dataset} is the teacher version
 * ({@code <teacher>@<version>}).
 */
@ApplicationScoped
public class CurationMetrics {

    private final MeterRegistry registry;
    private final Timer latency;
    private final DistributionSummary batchSize;
    private final Counter redelivered;

    public CurationMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("distill.curation")
                .description("Claiming, filtering and storing a batch of responses")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.batchSize = DistributionSummary.builder("distill.curation.batch.responses")
                .description("Responses curated in one transaction").register(registry);
        this.redelivered = Counter.builder("distill.samples.redelivered")
                .description("Responses curated before, answered from the stored outcome").register(registry);
    }

    public void decided(List<Verdict> verdicts, int responses, long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        batchSize.record(responses);
        verdicts.forEach(this::decided);
    }

    private void decided(Verdict verdict) {
        TeacherResponseEvent response = verdict.sample();
        String dataset = SampleBuilder.datasetVersion(response);
        String skill = response.skill() == null ? "none" : response.skill();
        if (verdict.accepted()) {
            Counter.builder("distill.samples.curated").description("Samples accepted into a dataset")
                    .tag("dataset", dataset).tag("skill", skill).register(registry).increment();
            verdict.changes().forEach((kind, n) -> Counter.builder("distill.samples.redacted")
                    .description("Items of personal data redacted from curated samples")
                    .tag("dataset", dataset).tag("kind", kind).register(registry).increment(n));
        } else {
            Counter.builder("distill.samples.rejected").description("Teacher responses turned down by curation")
                    .tag("dataset", dataset).tag("skill", skill).tag("filter", verdict.filter())
                    .tag("reason", verdict.reason()).register(registry).increment();
        }
    }

    public void redelivered(int responses) {
        redelivered.increment(responses);
    }
}
