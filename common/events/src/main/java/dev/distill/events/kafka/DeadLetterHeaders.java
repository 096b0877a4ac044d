package dev.distill.events.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a record a service moves to a dead-letter topic itself (when it consumes in batches, where the
 * connector's strategy would move a whole batch): the names SmallRye's own dead-letter queue uses, so every DLQ of
 * the platform reads alike.
 */
public final class DeadLetterHeaders {

    public static final String REASON = "dead-letter-reason";
    public static final String EXCEPTION_CLASS = "dead-letter-exception-class-name";
    public static final String CAUSE_CLASS = "dead-letter-cause-class-name";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    private DeadLetterHeaders() {
    }

    /** Why {@code record} failed (the failure's message, its class and its root cause's class) and where it was. */
    public static Headers of(ConsumerRecord<?, ?> record, Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, bytes(failure.getMessage()));
        headers.add(EXCEPTION_CLASS, bytes(failure.getClass().getName()));
        headers.add(CAUSE_CLASS, bytes(root.getClass().getName()));
        headers.add(TOPIC, bytes(record.topic()));
        headers.add(PARTITION, bytes(Integer.toString(record.partition())));
        headers.add(OFFSET, bytes(Long.toString(record.offset())));
        return headers;
    }

    private static byte[] bytes(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
