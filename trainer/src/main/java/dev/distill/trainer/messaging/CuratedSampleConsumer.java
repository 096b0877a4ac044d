package dev.distill.trainer.messaging;

import dev.distill.events.CuratedSampleEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.Topics;
import dev.distill.trainer.service.SampleStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Takes curated samples off {@code distill.samples.curated} and stores them for the training loop. The offset is
 * committed only after the sample is in PostgreSQL; a record that is not a valid event goes to the DLQ (the
 * connector's dead-letter strategy), counted in {@code distill_dead_letters_total{topic}}.
 */
@ApplicationScoped
public class CuratedSampleConsumer {

    private final SampleStore store;
    private final Counter deadLetters;

    public CuratedSampleConsumer(SampleStore store, MeterRegistry registry) {
        this.store = store;
        this.deadLetters = Counter.builder("distill.dead.letters").description("Records sent to a dead-letter topic")
                .tag("topic", Topics.SAMPLES_CURATED).register(registry);
    }

    @Incoming("curated")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        try {
            CuratedSampleEvent sample = EventCodec.fromJson(message.getPayload(), CuratedSampleEvent.class);
            IncomingKafkaRecordMetadata<?, ?> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class)
                    .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
            store.add(sample, kafka.getTopic(), kafka.getPartition(), kafka.getOffset());
        } catch (RuntimeException e) {
            deadLetters.increment();
            return message.nack(e);
        }
        return message.ack();
    }
}
