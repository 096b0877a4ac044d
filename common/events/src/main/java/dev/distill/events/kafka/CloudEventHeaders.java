package dev.distill.events.kafka;

import dev.distill.events.DistillEvent;
import dev.distill.events.EventTypes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** CloudEvents 1.0 Kafka protocol binding, binary content mode. */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {
    }

    /** Sets (replacing any earlier values, as on a retried send) the headers for this event. */
    public static void write(Headers headers, DistillEvent event, String source) {
        Map<String, String> values = Map.of(
                ID, event.eventId(),
                TYPE, EventTypes.ceType(event.getClass()),
                SOURCE, source,
                SPEC_VERSION, "1.0",
                TIME, event.time().toString(),
                CONTENT_TYPE, "application/json");
        values.forEach((name, value) -> {
            headers.remove(name);
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        });
    }

    /** The value of a header as text, or null. */
    public static String read(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
