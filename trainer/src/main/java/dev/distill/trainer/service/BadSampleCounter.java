package dev.distill.trainer.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import org.jboss.logging.Logger;

/** Counts and logs (by sample id, never content) the samples left out or cut short on their way into training. */
@ApplicationScoped
public class BadSampleCounter {

    private static final Logger LOG = Logger.getLogger(BadSampleCounter.class);

    private final Map<SampleEncoder.DropReason, Counter> dropped = new EnumMap<>(SampleEncoder.DropReason.class);
    private final Counter truncated;

    public BadSampleCounter(MeterRegistry registry) {
        for (SampleEncoder.DropReason reason : SampleEncoder.DropReason.values()) {
            dropped.put(reason, registry.counter("distill_trainer_samples_dropped_total", "reason", reason.tag));
        }
        this.truncated = registry.counter("distill_trainer_samples_truncated_total");
    }

    void dropped(String sampleId, long seq, SampleEncoder.Dropped drop) {
        dropped.get(drop.reason()).increment();
        LOG.warnf("sample %s (seq %d) is not trained on: %s, %s", sampleId, seq, drop.reason().tag, drop.detail());
    }

    void truncated(String sampleId, long seq, int length, int maxTokens) {
        truncated.increment();
        LOG.warnf("sample %s (seq %d) has %d tokens, the model takes %d: its oldest tokens are cut"
                + " (distill.trainer.too-long=truncate)", sampleId, seq, length, maxTokens);
    }
}
