package dev.distill.gateway.messaging;

import dev.distill.gateway.service.TeacherMetrics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Moves a prompt to {@code distill.prompts.dlq} as it was received (same key and value) with why in its headers:
 * {@code dead-letter-reason} (the message), {@code dead-letter-cause} (a short kind, also the metric tag),
 * {@code dead-letter-attempts} (teacher calls made) and where it came from.
 */
@ApplicationScoped
public class DeadLetters {

    private final MutinyEmitter<String> emitter;
    private final TeacherMetrics metrics;

    public DeadLetters(@Channel("prompts-dlq") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            MutinyEmitter<String> emitter, TeacherMetrics metrics) {
        this.emitter = emitter;
        this.metrics = metrics;
    }

    public Uni<Void> send(Message<String> prompt, String cause, String reason, int attempts) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", bytes(reason));
        headers.add("dead-letter-cause", bytes(cause));
        headers.add("dead-letter-attempts", bytes(Integer.toString(attempts)));
        var builder = OutgoingKafkaRecordMetadata.<String>builder();
        prompt.getMetadata(IncomingKafkaRecordMetadata.class).ifPresent(in -> {
            headers.add("dead-letter-topic", bytes(in.getTopic()));
            headers.add("dead-letter-partition", bytes(Integer.toString(in.getPartition())));
            headers.add("dead-letter-offset", bytes(Long.toString(in.getOffset())));
            if (in.getKey() != null) {
                builder.withKey(in.getKey().toString());
            }
        });
        metrics.deadLetter(cause);
        return emitter.sendMessage(Message.of(prompt.getPayload()).addMetadata(builder.withHeaders(headers).build()));
    }

    private static byte[] bytes(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
