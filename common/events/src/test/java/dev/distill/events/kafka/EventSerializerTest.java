package dev.distill.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.events.EventCodec;
import dev.distill.events.PromotionEvent;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventSerializerTest {

    @Test
    void writesJsonAndCloudEventsHeadersOnceEvenWhenRetried() {
        PromotionEvent event = new PromotionEvent(1, "s", "s-1", null, "better", Instant.parse("2026-11-28T12:00:00Z"));
        EventSerializer serializer = new EventSerializer();
        serializer.configure(Map.of(EventSerializer.SOURCE_CONFIG, "/distill/evaluator"), false);
        RecordHeaders headers = new RecordHeaders();

        serializer.serialize("distill.promotions", headers, event);
        byte[] value = serializer.serialize("distill.promotions", headers, event);

        assertThat(EventCodec.fromBytes(value, PromotionEvent.class)).isEqualTo(event);
        assertThat(CloudEventHeaders.read(headers, "ce_id")).isEqualTo("promotion:s:s-1");
        assertThat(CloudEventHeaders.read(headers, "ce_type")).isEqualTo("dev.distill.promotion.v1");
        assertThat(CloudEventHeaders.read(headers, "ce_source")).isEqualTo("/distill/evaluator");
        assertThat(CloudEventHeaders.read(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(CloudEventHeaders.read(headers, "ce_time")).isEqualTo("2026-11-28T12:00:00Z");
        assertThat(headers.headers("ce_id")).hasSize(1);
    }
}
