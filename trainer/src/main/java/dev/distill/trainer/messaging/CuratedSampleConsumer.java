package dev.distill.trainer.messaging;

import dev.distill.events.CuratedSampleEvent;
import dev.distill.events.EventCodec;
import dev.distill.trainer.service.SampleStore;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Takes curated samples off {@code distill.samples.curated} and stores them for the training loop. The offset is
 * committed only after the sample is in PostgreSQL; a record that is not a valid event goes to the DLQ.
 */
@ApplicationScoped
public class CuratedSampleConsumer {

    @Inject
    SampleStore store;

    @Incoming("curated")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        try {
            CuratedSampleEvent sample = EventCodec.fromJson(message.getPayload(), CuratedSampleEvent.class);
            IncomingKafkaRecordMetadata<?, ?> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class)
                    .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
            store.add(sample, kafka.getTopic(), kafka.getPartition(), kafka.getOffset());
        } catch (RuntimeException e) {
            return message.nack(e);
        }
        return message.ack();
    }
}
