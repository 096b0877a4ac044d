package dev.distill.trainer.service;

import dev.distill.events.ChatMessage;
import dev.distill.events.CuratedSampleEvent;
import dev.distill.events.EventCodec;
import dev.distill.trainer.domain.TrainingSample;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** Durable intake of curated samples: a redelivered sample (same sampleId) is stored once. */
@ApplicationScoped
public class SampleStore {

    private final Counter received;
    private final Counter duplicates;

    public SampleStore(MeterRegistry registry) {
        this.received = registry.counter("distill_trainer_samples_received_total");
        this.duplicates = registry.counter("distill_trainer_samples_duplicate_total");
    }

    @Transactional
    public void add(CuratedSampleEvent event, String topic, int partition, long offset) {
        if (TrainingSample.exists(event.sampleId())) {
            duplicates.increment();
            return;
        }
        List<ChatMessage> messages = event.messages();
        TrainingSample sample = new TrainingSample();
        sample.sampleId = event.sampleId();
        sample.promptId = event.promptId();
        sample.teacherVersion = event.teacher().qualifiedVersion();
        sample.datasetVersion = event.datasetVersion();
        sample.promptJson = toJson(messages.subList(0, messages.size() - 1));
        sample.answer = messages.get(messages.size() - 1).content();
        sample.tokensJson = event.tokens().isEmpty() ? null : toJson(event.tokens());
        sample.kafkaTopic = topic;
        sample.kafkaPartition = partition;
        sample.kafkaOffset = offset;
        sample.receivedAt = Instant.now();
        sample.persist();
        received.increment();
    }

    private static String toJson(List<?> values) {
        try {
            return EventCodec.mapper().writeValueAsString(values);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
