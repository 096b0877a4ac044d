package dev.distill.curator.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Moves a response that cannot be curated to {@code distill.teacher-responses.dlq} as it was received (same key and
 * value), with why and where from in the headers SmallRye's own dead-letter queue uses: {@code dead-letter-reason},
 * {@code dead-letter-exception-class-name}, {@code dead-letter-cause-class-name}, {@code dead-letter-topic},
 * {@code dead-letter-partition}, {@code dead-letter-offset}. Responses arrive in batches, so the connector's
 * dead-letter strategy (which would move a whole batch) is not used.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final MutinyEmitter<String> emitter;

    public DeadLetters(@Channel("teacher-responses-dlq") @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = 1024) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Returns once the broker has the dead letter: only then may the response's offset be committed. */
    public void send(ConsumerRecord<String, String> record, Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        LOG.warnf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                failure.getMessage());
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", bytes(failure.getMessage()));
        headers.add("dead-letter-exception-class-name", bytes(failure.getClass().getName()));
        headers.add("dead-letter-cause-class-name", bytes(root.getClass().getName()));
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build();
        emitter.sendMessageAndAwait(Message.of(record.value()).addMetadata(metadata));
    }

    private static byte[] bytes(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
