package dev.distill.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    static Iterable<DistillEvent> events() {
        return SampleEvents.all();
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEventRoundTrips(DistillEvent event) {
        String json = EventCodec.toJson(event);
        assertThat(EventCodec.fromJson(json, event.getClass())).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEventValidatesAgainstItsSchema(DistillEvent event) throws Exception {
        JsonNode json = EventCodec.mapper().readTree(EventCodec.toJson(event));
        assertThat(schemaOf(event).validate(json)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("events")
    void theSchemaRejectsARecordWithoutItsId(DistillEvent event) throws Exception {
        ObjectNode json = (ObjectNode) EventCodec.mapper().readTree(EventCodec.toJson(event));
        json.remove(json.has("promptId") ? "promptId" : json.has("checkpointId") ? "checkpointId" : "teacherName");
        Set<ValidationMessage> errors = schemaOf(event).validate(json);
        assertThat(errors).isNotEmpty();
    }

    @Test
    void samplingSeedIsOptionalAndRoundTrips() {
        PromptEvent prompt = (PromptEvent) SampleEvents.all().get(0);
        String withoutSeed = EventCodec.toJson(prompt).replace(",\"seed\":null", "");
        assertThat(withoutSeed).doesNotContain("seed");
        assertThat(EventCodec.fromJson(withoutSeed, PromptEvent.class).sampling().seed()).isNull();

        PromptEvent seeded = new PromptEvent(1, prompt.promptId(), prompt.campaignId(), prompt.source(), prompt.skill(),
                prompt.messages(), prompt.reference(), prompt.split(), new Sampling(0.7, 64, 0, 1234), null,
                prompt.createdAt());
        assertThat(EventCodec.fromJson(EventCodec.toJson(seeded), PromptEvent.class)).isEqualTo(seeded);
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        String json = EventCodec.toJson(SampleEvents.all().get(0)).replace("\"campaignId\":\"c-1\",", "");
        assertThatThrownBy(() -> EventCodec.fromJson(json, PromptEvent.class))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("PromptEvent")
                .hasMessageContaining("'campaignId'");
    }

    @Test
    void aMissingNestedFieldIsNamed() {
        String json = EventCodec.toJson(SampleEvents.all().get(1)).replace("\"version\":\"v1\"", "\"x\":\"v1\"");
        assertThatThrownBy(() -> EventCodec.fromJson(json, TeacherResponseEvent.class))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("'teacher.version'");
    }

    @Test
    void aMissingPrimitiveIsNamed() {
        String json = EventCodec.toJson(SampleEvents.all().get(5)).replace("\"step\":100,", "");
        assertThatThrownBy(() -> EventCodec.fromJson(json, CheckpointEvent.class))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("step");
    }

    @Test
    void anUnknownSchemaVersionIsNamed() {
        String json = EventCodec.toJson(SampleEvents.all().get(0)).replace("\"schemaVersion\":1", "\"schemaVersion\":7");
        assertThatThrownBy(() -> EventCodec.fromJson(json, PromptEvent.class))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("unsupported schemaVersion 7");
    }

    @Test
    void aMissingSchemaVersionIsNamed() {
        String json = EventCodec.toJson(SampleEvents.all().get(0)).replace("\"schemaVersion\":1,", "");
        assertThatThrownBy(() -> EventCodec.fromJson(json, PromptEvent.class))
                .hasMessageContaining("'schemaVersion'");
    }

    @Test
    void garbageIsNotJson() {
        assertThatThrownBy(() -> EventCodec.fromJson("{not json", PromptEvent.class))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> EventCodec.fromJson("", PromptEvent.class))
                .isInstanceOf(EventFormatException.class);
    }

    @Test
    void optionalFieldsMayBeAbsentAndUnknownFieldsAreIgnored() {
        String json = "{\"schemaVersion\":1,\"studentId\":\"s\",\"checkpointId\":\"c\",\"reason\":\"r\","
                + "\"createdAt\":\"2026-11-28T12:00:00Z\",\"addedLater\":true}";
        PromotionEvent event = EventCodec.fromJson(json, PromotionEvent.class);
        assertThat(event.previousChampion()).isNull();
    }

    private static JsonSchema schemaOf(DistillEvent event) throws Exception {
        String resource = EventTypes.schemaResource(event.getClass());
        try (InputStream in = EventCodecTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }
}
