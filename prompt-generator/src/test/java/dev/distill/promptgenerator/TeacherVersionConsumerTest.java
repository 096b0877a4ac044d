package dev.distill.promptgenerator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.events.EventCodec;
import dev.distill.events.TeacherVersionEvent;
import dev.distill.events.Topics;
import dev.distill.testing.DistillTestResource;
import dev.distill.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(DistillTestResource.class)
class TeacherVersionConsumerTest {

    @Test
    void malformedRecordGoesToTheDlqWithItsErrorAndTheConsumerGoesOn() throws Exception {
        String bootstrap = DistillTestResource.broker().bootstrapServers();
        String malformed = "{\"schemaVersion\":1,\"model\":\"m\",\"version\":\"v9\",\"announcedAt\":\"2025-01-01T00:00:00Z\","
                + "\"replayPolicy\":\"all\"}"; // no teacherName
        TopicProbe.send(bootstrap, Topics.TEACHER_VERSIONS, "broken-teacher", malformed);
        TopicProbe.send(bootstrap, Topics.TEACHER_VERSIONS, "broken-teacher-2", "not json at all");
        TeacherVersionEvent good = new TeacherVersionEvent(TeacherVersionEvent.SCHEMA_VERSION, "reference", "reference-teacher-v2",
                "v2", Instant.now().truncatedTo(ChronoUnit.MILLIS), "sample", 0.25);
        TopicProbe.send(bootstrap, Topics.TEACHER_VERSIONS, good.key(), EventCodec.toJson(good));
        TopicProbe.send(bootstrap, Topics.TEACHER_VERSIONS, good.key(), EventCodec.toJson(good)); // redelivery

        List<ConsumerRecord<String, String>> dead = TopicProbe.await(bootstrap, Topics.dlq(Topics.TEACHER_VERSIONS), 2,
                r -> r.key() != null && r.key().startsWith("broken-teacher"), Duration.ofSeconds(30));
        ConsumerRecord<String, String> missingField = dead.stream().filter(r -> r.key().equals("broken-teacher")).findFirst().orElseThrow();
        assertThat(missingField.value()).isEqualTo(malformed);
        Map<String, String> headers = TopicProbe.headers(missingField);
        assertThat(headers.get("dead-letter-reason")).contains("teacherName");
        assertThat(headers.get("dead-letter-topic")).isEqualTo(Topics.TEACHER_VERSIONS);
        ConsumerRecord<String, String> notJson = dead.stream().filter(r -> r.key().equals("broken-teacher-2")).findFirst().orElseThrow();
        assertThat(TopicProbe.headers(notJson).get("dead-letter-reason")).contains("not valid JSON");

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<Map<String, Object>> versions;
        do {
            Thread.sleep(100);
            versions = given().when().get("/teacher-versions").then().statusCode(200).extract().jsonPath().getList("$");
        } while (versions.stream().noneMatch(v -> "v2".equals(v.get("version"))) && System.nanoTime() < deadline);
        Thread.sleep(500); // let the redelivered copy be processed too
        versions = given().when().get("/teacher-versions").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(versions).filteredOn(v -> "v2".equals(v.get("version"))).singleElement()
                .satisfies(v -> {
                    assertThat(v.get("teacherName")).isEqualTo("reference");
                    assertThat(v.get("model")).isEqualTo("reference-teacher-v2");
                    assertThat(v.get("replayPolicy")).isEqualTo("sample");
                });
        assertThat(versions).noneMatch(v -> "v9".equals(v.get("version")));
    }
}
