package dev.distill.events.kafka;

import dev.distill.events.DistillEvent;
import dev.distill.events.EventCodec;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes an event as JSON and puts the CloudEvents binary-mode headers on the record ({@code ce_id},
 * {@code ce_type}, {@code ce_source}, {@code ce_specversion}, {@code ce_time}, {@code content-type}).
 * Doing it here, in the serializer, means every producer of every service gets the same headers.
 * The source is the producer property {@value #SOURCE_CONFIG} (default {@code /distill}).
 */
public class EventSerializer implements Serializer<DistillEvent> {

    public static final String SOURCE_CONFIG = "distill.ce.source";

    private String source = "/distill";

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object configured = configs.get(SOURCE_CONFIG);
        if (configured != null && !configured.toString().isBlank()) {
            source = configured.toString();
        }
    }

    @Override
    public byte[] serialize(String topic, DistillEvent event) {
        return event == null ? null : EventCodec.toBytes(event);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, DistillEvent event) {
        if (event == null) {
            return null;
        }
        CloudEventHeaders.write(headers, event, source);
        return EventCodec.toBytes(event);
    }
}
