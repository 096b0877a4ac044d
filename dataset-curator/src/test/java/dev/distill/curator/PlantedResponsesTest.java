package dev.distill.curator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.curator.messaging.BenchmarkIndex;
import dev.distill.events.ChatMessage;
import dev.distill.events.CuratedSampleEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.RejectedSampleEvent;
import dev.distill.events.SuitePromptEvent;
import dev.distill.events.Topics;
import dev.distill.testing.DistillTestResource;
import dev.distill.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The planted corpus against the real broker and PostgreSQL: every case is curated or rejected by the filter and
 * for the reason planted, no personal data survives into a curated record, near-duplicate precision and recall are
 * reported, and the dataset exports as OpenAI fine-tuning JSONL.
 */
@QuarkusTest
@WithTestResource(DistillTestResource.class)
class PlantedResponsesTest {

    @Inject
    BenchmarkIndex index;

    private static String bootstrap() {
        return DistillTestResource.broker().bootstrapServers();
    }

    @Test
    void everyPlantedCaseIsHandledAsSpecified() throws Exception {
        int before = index.size();
        for (int i = 0; i < PlantedResponses.BENCHMARK.size(); i++) {
            SuitePromptEvent prompt = new SuitePromptEvent(1, "planted", "b-" + i, null,
                    List.of(ChatMessage.user(PlantedResponses.BENCHMARK.get(i))), Instant.now());
            TopicProbe.send(bootstrap(), Topics.SUITE_PROMPTS, prompt.key(), EventCodec.toJson(prompt));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (index.size() < before + PlantedResponses.BENCHMARK.size()) {
            assertThat(System.nanoTime()).as("benchmark prompts indexed").isLessThan(deadline);
            Thread.sleep(100);
        }

        String version = "planted-" + UUID.randomUUID().toString().substring(0, 8);
        List<PlantedResponses.Planted> corpus = PlantedResponses.build(version);
        Map<String, String> records = new HashMap<>();
        corpus.forEach(p -> records.put(p.response().promptId(), EventCodec.toJson(p.response())));
        TopicProbe.sendAll(bootstrap(), Topics.TEACHER_RESPONSES, records);

        String mine = "\"version\":\"" + version + "\"";
        long curatedExpected = corpus.stream().filter(PlantedResponses.Planted::expectCurated).count();
        List<ConsumerRecord<String, String>> curatedRecords = TopicProbe.await(bootstrap(), Topics.SAMPLES_CURATED,
                (int) curatedExpected, r -> r.value().contains(mine), Duration.ofSeconds(60));
        List<ConsumerRecord<String, String>> rejectedRecords = TopicProbe.await(bootstrap(), Topics.SAMPLES_REJECTED,
                corpus.size() - (int) curatedExpected, r -> r.value().contains(mine), Duration.ofSeconds(60));
        Map<String, CuratedSampleEvent> curated = curatedRecords.stream()
                .map(r -> EventCodec.fromJson(r.value(), CuratedSampleEvent.class))
                .collect(Collectors.toMap(CuratedSampleEvent::promptId, e -> e));
        Map<String, RejectedSampleEvent> rejected = rejectedRecords.stream()
                .map(r -> EventCodec.fromJson(r.value(), RejectedSampleEvent.class))
                .collect(Collectors.toMap(RejectedSampleEvent::promptId, e -> e));
        assertThat(curated.size() + rejected.size()).as("one outcome per response").isEqualTo(corpus.size());

        int nearPlanted = 0;
        int nearCaught = 0;
        for (PlantedResponses.Planted p : corpus) {
            String id = p.response().promptId();
            if (p.pairOf() != null) {
                // a duplicate pair: whichever was curated first keeps its place; the other is rejected as planted
                boolean thisRejected = rejected.containsKey(id);
                boolean originalRejected = rejected.containsKey(p.pairOf());
                RejectedSampleEvent rejection = thisRejected ? rejected.get(id) : rejected.get(p.pairOf());
                if ("near-dedup".equals(p.expectFilter())) {
                    nearPlanted++;
                    if (thisRejected != originalRejected && rejection != null && "near-duplicate".equals(rejection.reason())) {
                        nearCaught++;
                    }
                    continue; // reported as recall below
                }
                assertThat(thisRejected).as("exactly one of %s and %s curated", id, p.pairOf()).isNotEqualTo(originalRejected);
                assertThat(rejection.filter()).as(id).isEqualTo(p.expectFilter());
                assertThat(rejection.reason()).as(id).isEqualTo(p.expectReason());
            } else if (p.expectCurated()) {
                boolean isOriginalOfAPair = corpus.stream().anyMatch(q -> id.equals(q.pairOf()));
                if (!isOriginalOfAPair) {
                    assertThat(curated).as("%s curated, not %s", p.response().messages(), rejected.get(id)).containsKey(id);
                }
            } else {
                assertThat(rejected).as("%s rejected", id).containsKey(id);
                assertThat(rejected.get(id).filter()).as(id + " " + rejected.get(id)).isEqualTo(p.expectFilter());
                assertThat(rejected.get(id).reason()).as(id).isEqualTo(p.expectReason());
            }
        }
        long nearRejections = rejected.values().stream().filter(r -> "near-duplicate".equals(r.reason())).count();
        double recall = (double) nearCaught / nearPlanted;
        double precision = nearRejections == 0 ? 1.0 : (double) nearCaught / nearRejections;
        System.out.printf(Locale.ROOT, "near-duplicate filter on the planted corpus: precision %.2f, recall %.2f"
                + " (%d of %d pairs caught, %d near-duplicate rejections)%n", precision, recall, nearCaught, nearPlanted,
                nearRejections);
        assertThat(precision).as("near-duplicate precision").isEqualTo(1.0);
        assertThat(recall).as("near-duplicate recall").isGreaterThanOrEqualTo(0.8);

        // no planted personal data in any curated record, on the topic or in the export; the redaction is recorded
        for (ConsumerRecord<String, String> record : curatedRecords) {
            for (String secret : PlantedResponses.PII) {
                assertThat(record.value()).doesNotContain(secret);
            }
        }
        CuratedSampleEvent redacted = curated.values().stream()
                .filter(s -> s.messages().get(s.messages().size() - 1).content().contains("#### 500")).findFirst().orElseThrow();
        assertThat(redacted.messages().get(1).content()).contains("[EMAIL]").contains("[PHONE]");
        assertThat(redacted.tokens()).as("teacher tokens spell the redacted text").isEmpty();
        assertThat(redacted.quality()).containsEntry("redacted.email", 1.0).containsEntry("redacted.phone", 1.0);

        JsonPath lineage = given().get("/samples/" + redacted.promptId()).then().statusCode(200).extract().jsonPath();
        assertThat(lineage.getString("[0].outcome")).isEqualTo("curated");
        assertThat(lineage.getList("[0].filtersPassed")).containsExactly("structure", "truncation", "length", "refusal",
                "verification", "confidence", "decontamination", "pii", "exact-dedup", "near-dedup");
        assertThat(lineage.getMap("[0].changes")).containsEntry("email", 1).containsEntry("phone", 1);
        String refusalId = corpus.stream().filter(p -> "refusal".equals(p.expectFilter())).findFirst().orElseThrow()
                .response().promptId();
        JsonPath refused = given().get("/samples/" + refusalId).then().statusCode(200).extract().jsonPath();
        assertThat(refused.getString("[0].outcome")).isEqualTo("rejected");
        assertThat(refused.getString("[0].filter")).isEqualTo("refusal");
        assertThat(refused.getList("[0].filtersPassed")).containsExactly("structure", "truncation", "length");
        given().get("/samples/no-such-prompt").then().statusCode(404);

        String dataset = "reference@" + version;
        String export = given().get("/datasets/" + dataset + "/export").then().statusCode(200)
                .contentType("application/jsonl").extract().asString();
        List<String> lines = export.lines().toList();
        assertThat(lines).hasSize(curated.size());
        for (String line : lines) {
            JsonPath sample = JsonPath.from(line);
            assertThat(sample.getList("messages")).isNotEmpty();
            assertThat(sample.getString("messages[-1].role")).isEqualTo("assistant");
            PlantedResponses.PII.forEach(secret -> assertThat(line).doesNotContain(secret));
        }
        given().get("/datasets/reference@no-such-version/export").then().statusCode(404);

        JsonPath datasets = given().get("/datasets").then().statusCode(200).extract().jsonPath();
        String entry = "find { it.datasetVersion == '" + dataset + "' }";
        assertThat(datasets.getInt(entry + ".curated")).isEqualTo(curated.size());
        assertThat(datasets.getInt(entry + ".byFilter.refusal.rejected")).isEqualTo(3);
        assertThat(datasets.getInt(entry + ".byFilter.structure.passed")).isEqualTo(corpus.size());
        assertThat(datasets.getDouble(entry + ".byFilter.structure.acceptanceRate")).isEqualTo(1.0);
        assertThat(datasets.getInt(entry + ".bySkill.none.passed")).isEqualTo(curated.size());
    }
}
