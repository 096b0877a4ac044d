package dev.distill.curator.messaging;

import dev.distill.events.Topics;
import dev.distill.events.kafka.DeadLetterHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Moves a response that cannot be curated to {@code distill.teacher-responses.dlq} as it was received (same key and
 * value), with why and where from in its headers ({@link DeadLetterHeaders}). Responses arrive in batches, so the
 * connector's dead-letter strategy (which would move a whole batch) is not used. Counted in
 * {@code distill_dead_letters_total{topic}}, registered at start (hence {@code @Startup}) so that the alert on it has
 * a series to watch before the first dead letter.
 */
@ApplicationScoped
@Startup
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final MutinyEmitter<String> emitter;
    private final Counter sent;

    public DeadLetters(@Channel("teacher-responses-dlq") @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = 1024) MutinyEmitter<String> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        this.sent = Counter.builder("distill.dead.letters").description("Records sent to a dead-letter topic")
                .tag("topic", Topics.TEACHER_RESPONSES).register(registry);
    }

    /** Returns once the broker has the dead letter: only then may the response's offset be committed. */
    public void send(ConsumerRecord<String, String> record, Throwable failure) {
        LOG.warnf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                failure.getMessage());
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(DeadLetterHeaders.of(record, failure)).build();
        emitter.sendMessageAndAwait(Message.of(record.value()).addMetadata(metadata));
        sent.increment();
    }
}
