package dev.distill.promptgenerator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.distill.events.EventCodec;
import dev.distill.events.EventTypes;
import dev.distill.events.PromptEvent;
import dev.distill.events.Topics;
import dev.distill.skills.Problem;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import dev.distill.skills.Split;
import dev.distill.skills.Verifiers;
import dev.distill.testing.DistillTestResource;
import dev.distill.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(DistillTestResource.class)
class CampaignResourceTest {

    private static final Skill ADDITION = SkillSuite.builtIn().get("addition");

    private static Map<String, Object> campaign(long count, double rate, String split) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "test " + split, "skills", List.of("addition"),
                "count", count, "seed", 7, "ratePerSecond", rate, "difficulty", 2));
        if (split != null) {
            body.put("split", split);
        }
        return body;
    }

    private static List<ConsumerRecord<String, String>> promptsOf(String campaignId) {
        return TopicContents.readAll(DistillTestResource.broker().bootstrapServers(), Topics.PROMPTS).stream()
                .filter(r -> r.key().startsWith(campaignId + "-")).toList();
    }

    @Test
    void campaignEmitsExactlyCountVerifiablePromptsWithCloudEventsHeaders() throws Exception {
        int count = 300;
        String id = Campaigns.create(campaign(count, 2000, null));
        JsonPath done = Campaigns.awaitFinished(id, Duration.ofSeconds(30));
        assertThat(done.getString("state")).isEqualTo("COMPLETED");
        assertThat(done.getLong("emittedCount")).isEqualTo(count);
        assertThat(done.getLong("requestedCount")).isEqualTo(count);
        assertThat(done.getString("split")).isEqualTo("train");

        List<ConsumerRecord<String, String>> records = promptsOf(id);
        assertThat(records).hasSize(count);
        Set<Long> indexes = new HashSet<>();
        for (ConsumerRecord<String, String> record : records) {
            PromptEvent event = EventCodec.fromJson(record.value(), PromptEvent.class);
            assertThat(record.key()).isEqualTo(event.promptId());
            long index = Long.parseLong(event.promptId().substring(id.length() + 1));
            indexes.add(index);
            Map<String, String> headers = TopicProbe.headers(record);
            assertThat(headers).containsEntry("ce_id", event.eventId())
                    .containsEntry("ce_type", EventTypes.ceType(PromptEvent.class))
                    .containsEntry("ce_source", "/distill/prompt-generator")
                    .containsEntry("ce_specversion", "1.0")
                    .containsEntry("ce_time", event.createdAt().toString());

            assertThat(event.campaignId()).isEqualTo(id);
            assertThat(event.source()).isEqualTo("skills");
            assertThat(event.skill()).isEqualTo("addition");
            assertThat(event.split()).isEqualTo("train");
            assertThat(event.teacherVersion()).isNull();
            assertThat(event.sampling().maxTokens()).isEqualTo(256);
            assertThat(event.sampling().topLogprobs()).isEqualTo(5);
            assertThat(event.messages()).hasSize(1);
            assertThat(event.messages().get(0).role()).isEqualTo("user");

            Problem problem = ADDITION.generate(Split.TRAIN.seed(7, index), 2);
            assertThat(event.messages().get(0).content()).isEqualTo(problem.prompt());
            assertThat(event.reference().verifier()).isEqualTo("final-answer");
            assertThat(Verifiers.finalAnswerMatches(event.reference().answer(), ADDITION.solve(problem))).isTrue();
        }
        // candidates that repeat an earlier prompt are skipped, so the campaign draws until it has count distinct ones
        long candidates = indexes.stream().mapToLong(Long::longValue).max().orElseThrow() + 1;
        assertThat(indexes).hasSize(count).allMatch(i -> i >= 0);
        assertThat(done.getLong("duplicateCount")).isEqualTo(candidates - count);
        assertThat(records.stream().map(r -> EventCodec.fromJson(r.value(), PromptEvent.class).messages().get(0).content())
                .distinct()).hasSize(count);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "distill_prompts_emitted_total\\{[^}]*campaign=\"" + id + "\"[^}]*skill=\"addition\"[^}]*} 300\\.0");
    }

    @Test
    void evalCampaignUsesEvalSeedsAndSampling() throws Exception {
        Map<String, Object> body = campaign(20, 1000, "eval");
        body.put("skills", Map.of("addition", 2.5));
        body.put("sampling", Map.of("temperature", 0.7, "maxTokens", 64, "topLogprobs", 0));
        String id = Campaigns.create(body);
        assertThat(Campaigns.awaitFinished(id, Duration.ofSeconds(30)).getString("state")).isEqualTo("COMPLETED");
        List<ConsumerRecord<String, String>> records = promptsOf(id);
        assertThat(records).hasSize(20);
        for (ConsumerRecord<String, String> record : records) {
            PromptEvent event = EventCodec.fromJson(record.value(), PromptEvent.class);
            long index = Long.parseLong(event.promptId().substring(id.length() + 1));
            assertThat(event.split()).isEqualTo("eval");
            assertThat(event.sampling().temperature()).isEqualTo(0.7);
            assertThat(event.sampling().maxTokens()).isEqualTo(64);
            assertThat(event.sampling().topLogprobs()).isZero();
            Problem problem = ADDITION.generate(Split.EVAL.seed(7, index), 2);
            assertThat(event.messages().get(0).content()).isEqualTo(problem.prompt());
            assertThat(event.reference().answer()).isEqualTo(problem.answer());
        }
    }

    @Test
    void emissionIsPacedAtTheRequestedRate() throws Exception {
        long started = System.nanoTime();
        String id = Campaigns.create(campaign(30, 20, "train"));
        JsonPath early = Campaigns.get(id);
        assertThat(early.getString("state")).isEqualTo("RUNNING");
        assertThat(early.getLong("emittedCount")).isLessThan(30);
        assertThat(Campaigns.awaitFinished(id, Duration.ofSeconds(30)).getLong("emittedCount")).isEqualTo(30);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(seconds).as("30 prompts at 20/s take about 1.45 s").isGreaterThan(1.3).isLessThan(10);
    }

    @Test
    void campaignsAreListedAndUnknownOnesAre404() {
        String id = Campaigns.create(campaign(1, 100, "train"));
        List<String> ids = given().when().get("/campaigns").then().statusCode(200).extract().path("id");
        assertThat(ids).contains(id);
        given().when().get("/campaigns/no-such-campaign").then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void badRequestsAreRefusedNamingTheFieldAndPersistNothing() {
        int before = given().when().get("/campaigns").then().extract().jsonPath().getList("id").size();
        assertBadRequest(with(campaign(10, 10, null), "skills", List.of("juggling")), "skills", "unknown skill 'juggling'");
        assertBadRequest(with(campaign(10, 10, null), "skills", Map.of("addition", -1)), "skills.addition", "positive");
        assertBadRequest(with(campaign(10, 10, null), "skills", List.of()), "skills", "non-empty");
        assertBadRequest(campaign(0, 10, null), "count", "count must be");
        assertBadRequest(campaign(-5, 10, null), "count", "count must be");
        assertBadRequest(campaign(10, 0, null), "ratePerSecond", "ratePerSecond must be");
        assertBadRequest(campaign(10, -2, null), "ratePerSecond", "ratePerSecond must be");
        assertBadRequest(with(campaign(10, 10, null), "difficulty", 9), "difficulty", "difficulties 1..");
        assertBadRequest(with(campaign(10, 10, null), "difficulty", 0), "difficulty", "difficulties 1..");
        assertBadRequest(campaign(10, 10, "dev"), "split", "unknown split");
        assertBadRequest(with(campaign(10, 10, null), "name", " "), "name", "name is required");
        assertBadRequest(with(campaign(10, 10, null), "sampling", Map.of("topLogprobs", 21)), "sampling.topLogprobs", "0..20");
        assertBadRequest(with(campaign(10, 10, null), "count", "many"), "count", "unreadable");
        assertBadRequest(with(campaign(10, 10, null), "difficulty", null), "difficulty", "either difficulty or curriculum");
        assertBadRequest(with(campaign(10, 10, null), "curriculum", List.of(Map.of("difficulty", 1, "share", 1))),
                "difficulty", "either difficulty or curriculum");
        assertBadRequest(with(with(campaign(10, 10, null), "difficulty", null), "curriculum",
                List.of(Map.of("difficulty", 1, "share", 1), Map.of("difficulty", 2, "share", 0))), "curriculum[1].share", "positive");
        assertBadRequest(with(campaign(10, 10, null), "replay", Map.of("policy", "some")), "replay.policy", "all, sample or none");
        assertBadRequest(with(campaign(10, 10, null), "replay", Map.of("policy", "sample")), "replay.fraction", "(0, 1]");
        assertBadRequest(with(campaign(10, 10, null), "replay", Map.of("policy", "all", "fraction", 0.5)), "replay.fraction",
                "only a sample replay");
        assertBadRequest(with(campaign(10, 10, null), "source", "no-such-source"), "source", "leave out skills");
        Map<String, Object> unknownSource = new HashMap<>(Map.of("name", "f", "source", "no-such-source", "ratePerSecond", 10));
        assertBadRequest(unknownSource, "source", "no prompt source no-such-source");
        given().contentType(ContentType.JSON).body("{\"name\":").when().post("/campaigns").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        int after = given().when().get("/campaigns").then().extract().jsonPath().getList("id").size();
        assertThat(after).isEqualTo(before);
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        body.put(field, value);
        return body;
    }

    private static void assertBadRequest(Map<String, Object> body, String field, String message) {
        given().contentType(ContentType.JSON).body(body).when().post("/campaigns")
                .then().statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("field", equalTo(field))
                .body("message", containsString(message));
    }
}
