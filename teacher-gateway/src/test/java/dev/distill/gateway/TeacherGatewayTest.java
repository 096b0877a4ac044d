package dev.distill.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.distill.events.ChatMessage;
import dev.distill.events.EventCodec;
import dev.distill.events.PromptEvent;
import dev.distill.events.Reference;
import dev.distill.events.Sampling;
import dev.distill.events.TeacherResponseEvent;
import dev.distill.events.TeacherVersionEvent;
import dev.distill.events.Topics;
import dev.distill.testing.DistillTestResource;
import dev.distill.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(DistillTestResource.class)
@WithTestResource(FakeTeacherResource.class)
class TeacherGatewayTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A reference answer no teacher answer contains, so finding it in a request means it leaked. */
    private static final String SECRET_ANSWER = "918273645";

    static String bootstrap() {
        return DistillTestResource.broker().bootstrapServers();
    }

    static PromptEvent prompt(String text, int topLogprobs) {
        return prompt(text, topLogprobs, null);
    }

    static PromptEvent prompt(String text, int topLogprobs, String teacherVersion) {
        String id = "p-" + UUID.randomUUID();
        return new PromptEvent(PromptEvent.SCHEMA_VERSION, id, "c-test", "skills", "addition",
                List.of(new ChatMessage("system", "Answer with a final line '#### <answer>'."),
                        ChatMessage.user(text + " [" + id + "]")),
                new Reference(SECRET_ANSWER, "final-answer"), "train", new Sampling(0.2, 64, topLogprobs, 7),
                teacherVersion, Instant.parse("2025-01-01T00:00:00Z"));
    }

    static void send(PromptEvent prompt) {
        TopicProbe.send(bootstrap(), Topics.PROMPTS, prompt.promptId(), EventCodec.toJson(prompt));
    }

    static List<ConsumerRecord<String, String>> responses(String promptId, int count) {
        return TopicProbe.await(bootstrap(), Topics.TEACHER_RESPONSES, count, r -> promptId.equals(r.key()), WAIT);
    }

    static TeacherResponseEvent response(String promptId) {
        return EventCodec.fromJson(responses(promptId, 1).get(0).value(), TeacherResponseEvent.class);
    }

    static ConsumerRecord<String, String> deadLetter(String key) {
        return TopicProbe.await(bootstrap(), Topics.dlq(Topics.PROMPTS), 1, r -> key.equals(r.key()), WAIT).get(0);
    }

    @Test
    void answersPromptCarryingSkillSplitReferenceAndParsedLogprobs() {
        PromptEvent prompt = prompt("What is 3 + 4?", 3);
        send(prompt);

        ConsumerRecord<String, String> record = responses(prompt.promptId(), 1).get(0);
        TeacherResponseEvent response = EventCodec.fromJson(record.value(), TeacherResponseEvent.class);

        assertThat(response.promptId()).isEqualTo(prompt.promptId());
        assertThat(response.campaignId()).isEqualTo("c-test");
        assertThat(response.skill()).isEqualTo("addition");
        assertThat(response.split()).isEqualTo("train");
        assertThat(response.reference()).isEqualTo(prompt.reference());
        assertThat(response.messages()).isEqualTo(prompt.messages());
        assertThat(response.teacher().name()).isEqualTo("reference");
        assertThat(response.teacher().model()).isEqualTo("reference-teacher");
        assertThat(response.teacher().version()).isEqualTo("v1");
        assertThat(response.completion()).isEqualTo(FakeOpenAiTeacher.COMPLETION);
        assertThat(response.finishReason()).isEqualTo("stop");
        assertThat(response.cached()).isFalse();
        assertThat(response.usage().promptTokens()).isEqualTo(12);
        assertThat(response.usage().completionTokens()).isEqualTo(8);
        assertThat(response.costUsd()).isCloseTo(12 / 1000.0 * 0.5 + 8 / 1000.0 * 1.5, Offset.offset(1e-12));
        assertThat(response.tokens()).hasSize(8);
        assertThat(response.tokens().get(6).token()).isEqualTo("####");
        assertThat(response.tokens().get(6).logprob()).isEqualTo(-0.07, Offset.offset(1e-9));
        assertThat(response.tokens().get(6).top()).hasSize(3);
        assertThat(response.tokens().get(6).top().get(1).token()).isEqualTo("alt1");

        Map<String, String> headers = TopicProbe.headers(record);
        assertThat(headers).containsEntry("ce_id", "response:" + prompt.promptId() + ":reference@v1")
                .containsEntry("ce_type", "dev.distill.teacher-response.v1")
                .containsEntry("ce_source", "/distill/teacher-gateway");

        // what the teacher saw: messages, model, sampling and seed, the key as a bearer token, the extra header,
        // and never the reference answer
        List<FakeOpenAiTeacher.Received> seen = FakeTeacherResource.teacher().receivedWith(prompt.promptId());
        assertThat(seen).hasSize(1);
        FakeOpenAiTeacher.Received request = seen.get(0);
        assertThat(request.body()).doesNotContain(SECRET_ANSWER).doesNotContain("final-answer");
        assertThat(request.json().path("model").asText()).isEqualTo("reference-teacher");
        assertThat(request.json().path("messages")).hasSize(2);
        assertThat(request.json().path("max_tokens").asInt()).isEqualTo(64);
        assertThat(request.json().path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(request.json().path("seed").asInt()).isEqualTo(7);
        assertThat(request.json().path("logprobs").asBoolean()).isTrue();
        assertThat(request.json().path("top_logprobs").asInt()).isEqualTo(3);
        assertThat(request.authorization()).isEqualTo("Bearer " + FakeTeacherResource.API_KEY);
        assertThat(request.team()).isEqualTo("distill-tests");
    }

    @Test
    void withoutLogprobsOrUsageTheResponseHasNoTokensAndZeroUsage() {
        PromptEvent prompt = prompt("What is 3 + 4? [no-usage]", 0);
        send(prompt);

        TeacherResponseEvent response = response(prompt.promptId());

        assertThat(response.tokens()).isEmpty();
        assertThat(response.usage().promptTokens()).isZero();
        assertThat(response.costUsd()).isZero();
        FakeOpenAiTeacher.Received request = FakeTeacherResource.teacher().receivedWith(prompt.promptId()).get(0);
        assertThat(request.json().has("logprobs")).isFalse();
        assertThat(request.json().has("top_logprobs")).isFalse();
    }

    @Test
    void redeliveredOrRepeatedPromptsAreAnsweredFromTheCacheWithoutPayingTheTeacherAgain() {
        PromptEvent prompt = prompt("What is 3 + 4?", 2);
        send(prompt);
        TeacherResponseEvent first = response(prompt.promptId());

        send(prompt); // a redelivery: same promptId, same teacher version
        List<ConsumerRecord<String, String>> both = responses(prompt.promptId(), 2);
        TeacherResponseEvent second = EventCodec.fromJson(both.get(1).value(), TeacherResponseEvent.class);
        assertThat(second.cached()).isTrue();
        assertThat(second.costUsd()).isZero();
        assertThat(second.completion()).isEqualTo(first.completion());
        assertThat(second.tokens()).isEqualTo(first.tokens());
        assertThat(TopicProbe.headers(both.get(1)).get("ce_id")).isEqualTo(TopicProbe.headers(both.get(0)).get("ce_id"));

        // another prompt asking exactly the same thing (same messages and sampling) is not paid for either
        PromptEvent repeat = new PromptEvent(1, "p-" + UUID.randomUUID(), "c-other", "skills", "addition",
                prompt.messages(), prompt.reference(), "train", prompt.sampling(), null, Instant.now());
        send(repeat);
        assertThat(response(repeat.promptId()).cached()).isTrue();

        assertThat(FakeTeacherResource.teacher().receivedWith(prompt.promptId())).hasSize(1);
    }

    @Test
    void badPromptsGoToTheDlqWithTheReasonBeforeAnyTeacherCall() {
        String badKey = "bad-" + UUID.randomUUID();
        TopicProbe.send(bootstrap(), Topics.PROMPTS, badKey, "{\"schemaVersion\":1,\"promptId\":\"x\"");
        ConsumerRecord<String, String> dead = deadLetter(badKey);
        assertThat(dead.value()).isEqualTo("{\"schemaVersion\":1,\"promptId\":\"x\"");
        assertThat(TopicProbe.headers(dead)).containsEntry("dead-letter-cause", "malformed")
                .containsEntry("dead-letter-attempts", "0")
                .containsEntry("dead-letter-topic", Topics.PROMPTS);
        assertThat(TopicProbe.headers(dead).get("dead-letter-reason")).contains("PromptEvent").contains("not valid JSON");

        PromptEvent empty = new PromptEvent(1, "p-" + UUID.randomUUID(), "c-test", "skills", "addition", List.of(),
                null, "train", new Sampling(0, 8, 0), null, Instant.now());
        send(empty);
        assertThat(TopicProbe.headers(deadLetter(empty.promptId())).get("dead-letter-reason")).isEqualTo("prompt has no messages");

        String huge = "x".repeat(32_001);
        PromptEvent tooLarge = prompt(huge, 0);
        send(tooLarge);
        assertThat(TopicProbe.headers(deadLetter(tooLarge.promptId()))).containsEntry("dead-letter-cause", "invalid_prompt")
                .hasEntrySatisfying("dead-letter-reason", reason -> assertThat(reason).contains("prompt too large"));

        PromptEvent unknownVersion = prompt("What is 3 + 4?", 0, "v99");
        send(unknownVersion);
        assertThat(TopicProbe.headers(deadLetter(unknownVersion.promptId()))).containsEntry("dead-letter-cause", "unroutable");

        PromptEvent good = prompt("What is 3 + 4?", 0);
        send(good);
        assertThat(responses(good.promptId(), 1)).hasSize(1);
        assertThat(FakeTeacherResource.teacher().receivedWith(empty.promptId())).isEmpty();
        assertThat(FakeTeacherResource.teacher().receivedWith(tooLarge.promptId())).isEmpty();
        assertThat(FakeTeacherResource.teacher().receivedWith(unknownVersion.promptId())).isEmpty();
    }

    @Test
    void teacherErrorsAreRetriedThenThePromptGoesToTheDlqWithCauseAndAttempts() {
        PromptEvent failing = prompt("What is 3 + 4? [status-500]", 0);
        send(failing);

        ConsumerRecord<String, String> dead = deadLetter(failing.promptId());
        Map<String, String> headers = TopicProbe.headers(dead);
        assertThat(headers.get("dead-letter-reason")).contains("HTTP 500").contains("teacher exploded").contains("3 attempt(s)");
        assertThat(headers).containsEntry("dead-letter-attempts", "3").containsEntry("dead-letter-cause", "teacher_http_error");
        assertThat(EventCodec.fromJson(dead.value(), PromptEvent.class)).isEqualTo(failing);
        assertThat(FakeTeacherResource.teacher().receivedWith(failing.promptId())).hasSize(3);

        PromptEvent garbage = prompt("What is 3 + 4? [garbage]", 0);
        send(garbage);
        assertThat(TopicProbe.headers(deadLetter(garbage.promptId())).get("dead-letter-reason")).contains("unparseable response body");
        assertThat(FakeTeacherResource.teacher().receivedWith(garbage.promptId())).hasSize(1); // not worth retrying

        PromptEvent hanging = prompt("What is 3 + 4? [hang]", 0);
        send(hanging);
        assertThat(TopicProbe.headers(deadLetter(hanging.promptId()))).containsEntry("dead-letter-cause", "teacher_timeout")
                .containsEntry("dead-letter-attempts", "3");
    }

    @Test
    void throttledCallWaitsForRetryAfterThenSucceeds() {
        PromptEvent prompt = prompt("What is 3 + 4? [throttle-once]", 0);
        send(prompt);

        assertThat(response(prompt.promptId()).completion()).isEqualTo(FakeOpenAiTeacher.COMPLETION);
        List<FakeOpenAiTeacher.Received> calls = FakeTeacherResource.teacher().receivedWith(prompt.promptId());
        assertThat(calls).hasSize(2);
        assertThat(Duration.ofNanos(calls.get(1).atNanos() - calls.get(0).atNanos())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void manyPromptsRunConcurrentlyButNeverMoreThanTheInFlightBound() {
        List<PromptEvent> prompts = IntStream.range(0, 96).mapToObj(i -> prompt("What is 3 + 4? [slow]", 0)).toList();
        FakeTeacherResource.teacher().resetMaxInFlight();
        TopicProbe.sendAll(bootstrap(), Topics.PROMPTS,
                prompts.stream().collect(Collectors.toMap(PromptEvent::promptId, EventCodec::toJson)));
        Set<String> ids = prompts.stream().map(PromptEvent::promptId).collect(Collectors.toSet());

        TopicProbe.await(bootstrap(), Topics.TEACHER_RESPONSES, prompts.size(), r -> ids.contains(r.key()), WAIT);

        assertThat(FakeTeacherResource.teacher().maxInFlight())
                .isGreaterThanOrEqualTo(FakeTeacherResource.MAX_IN_FLIGHT / 2)
                .isLessThanOrEqualTo(FakeTeacherResource.MAX_IN_FLIGHT);
    }

    @Test
    void announcedVersionGetsPromptsWithCanarySplitAndCanBePromotedAndRolledBack() {
        try {
            given().contentType(ContentType.JSON)
                    .body("{\"version\":\"v2\",\"model\":\"reference-teacher-2\",\"canaryPercent\":50,\"replayPolicy\":\"sample\",\"replayFraction\":0.25}")
                    .post("/teachers/reference/versions").then().statusCode(201);
            TeacherVersionEvent announced = EventCodec.fromJson(TopicProbe.await(bootstrap(), Topics.TEACHER_VERSIONS, 1,
                    r -> r.value().contains("\"v2\""), WAIT).get(0).value(), TeacherVersionEvent.class);
            assertThat(announced.teacherName()).isEqualTo("reference");
            assertThat(announced.model()).isEqualTo("reference-teacher-2");
            assertThat(announced.replayPolicy()).isEqualTo("sample");
            assertThat(announced.replayFraction()).isEqualTo(0.25);

            given().contentType(ContentType.JSON).body("{\"version\":\"v2\",\"model\":\"m\"}")
                    .post("/teachers/reference/versions").then().statusCode(409);

            List<PromptEvent> split = IntStream.range(0, 40).mapToObj(i -> prompt("What is 1 + 1?", 0)).toList();
            split.forEach(TeacherGatewayTest::send);
            Map<String, String> versionById = split.stream().collect(Collectors.toMap(PromptEvent::promptId,
                    p -> response(p.promptId()).teacher().version()));
            assertThat(Set.copyOf(versionById.values())).containsExactlyInAnyOrder("v1", "v2");
            split.stream().filter(p -> versionById.get(p.promptId()).equals("v2")).findFirst().ifPresent(p ->
                    assertThat(FakeTeacherResource.teacher().receivedWith(p.promptId()).get(0).json().path("model").asText())
                            .isEqualTo("reference-teacher-2"));

            // the split is by promptId: the same prompt sent again lands on the same version
            PromptEvent again = split.get(0);
            send(again);
            assertThat(EventCodec.fromJson(responses(again.promptId(), 2).get(1).value(), TeacherResponseEvent.class)
                    .teacher().version()).isEqualTo(versionById.get(again.promptId()));

            given().contentType(ContentType.JSON).body("{\"activeVersion\":\"v2\"}")
                    .put("/teachers/reference/route").then().statusCode(200).body("route.activeVersion", equalTo("v2"));
            PromptEvent promoted = prompt("What is 2 + 2?", 0);
            send(promoted);
            assertThat(response(promoted.promptId()).teacher().version()).isEqualTo("v2");

            // a replay can still ask a specific version
            PromptEvent replay = prompt("What is 2 + 2?", 0, "v1");
            send(replay);
            assertThat(response(replay.promptId()).teacher().version()).isEqualTo("v1");

            given().contentType(ContentType.JSON).body("{\"activeVersion\":\"v7\"}")
                    .put("/teachers/reference/route").then().statusCode(404);
        } finally {
            given().contentType(ContentType.JSON).body("{\"activeVersion\":\"v1\"}")
                    .put("/teachers/reference/route").then().statusCode(200);
        }
    }

    @Test
    void aVersionAnnouncedOnTheTopicByOthersIsAdoptedAndRoutedTo() {
        try {
            TeacherVersionEvent external = new TeacherVersionEvent(1, "reference", "reference-teacher-ext", "v3-ext",
                    Instant.now(), "none", null);
            TopicProbe.send(bootstrap(), Topics.TEACHER_VERSIONS, external.key(), EventCodec.toJson(external));
            Instant deadline = Instant.now().plus(WAIT);
            while (!given().get("/teachers").then().extract().path("find { it.name == 'reference' }.route.activeVersion")
                    .equals("v3-ext")) {
                assertThat(Instant.now()).as("version adopted").isBefore(deadline);
                Thread.sleep(200);
            }
            PromptEvent prompt = prompt("What is 5 + 5?", 0);
            send(prompt);
            assertThat(response(prompt.promptId()).teacher().model()).isEqualTo("reference-teacher-ext");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            given().contentType(ContentType.JSON).body("{\"activeVersion\":\"v1\"}")
                    .put("/teachers/reference/route").then().statusCode(200);
        }
    }

    @Test
    void registeringTeachersValidatesInputAndNeverTakesARawKey() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"other\",\"baseUrl\":\"" + FakeTeacherResource.teacher().baseUrl()
                        + "\",\"apiKey\":\"env:PATH\",\"maxInFlight\":4,\"requestsPerMinute\":600,\"headers\":{\"x-org\":\"o-1\"}}")
                .post("/teachers").then().statusCode(201)
                .body("name", equalTo("other"))
                .body("limits.maxInFlight", equalTo(4))
                .body("apiKeyConfigured", equalTo(true))
                .body("headers", org.hamcrest.Matchers.contains("x-org"));

        given().contentType(ContentType.JSON).body("{\"name\":\"leaky\",\"baseUrl\":\"http://x\",\"apiKey\":\"sk-raw-key-123\"}")
                .post("/teachers").then().statusCode(400)
                .body("error.message", containsString("env:<VARIABLE>"))
                .body(not(containsString("sk-raw-key-123")));
        given().contentType(ContentType.JSON).body("{\"name\":\"bad name!\",\"baseUrl\":\"http://x\"}")
                .post("/teachers").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"name\":\"x\",\"baseUrl\":\"ftp://x\"}")
                .post("/teachers").then().statusCode(400).body("error.message", containsString("baseUrl"));
        given().contentType(ContentType.JSON).body("{\"version\":\"v1\",\"model\":\"m\"}")
                .post("/teachers/nobody/versions").then().statusCode(404);
    }

    @Test
    void teachersEndpointShowsRoutingAndCostsHealthAndMetrics() {
        PromptEvent prompt = prompt("What is 3 + 4?", 1);
        send(prompt);
        responses(prompt.promptId(), 1);

        given().get("/teachers").then().statusCode(200)
                .body("find { it.name == 'reference' }.route.activeVersion", equalTo("v1"))
                .body("find { it.name == 'reference' }.apiKeyConfigured", equalTo(true))
                .body("find { it.name == 'reference' }.versions[0].model", equalTo("reference-teacher"))
                .body("find { it.name == 'reference' }.costs.find { it.version == 'v1' }.billedRequests",
                        org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'teacher-registry' }.status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("distill_teacher_requests_total{outcome=\"ok\",teacher=\"reference\",version=\"v1\"}"))
                .body(containsString("distill_teacher_latency_seconds_bucket{teacher=\"reference\",version=\"v1\""))
                .body(containsString("distill_teacher_in_flight{teacher=\"reference\",version=\"v1\"}"))
                .body(containsString("distill_teacher_circuit_state{teacher=\"reference\",version=\"v1\"}"))
                .body(containsString("distill_teacher_tokens_total{kind=\"completion\",teacher=\"reference\",version=\"v1\"}"))
                .body(containsString("distill_teacher_cost_usd_total{teacher=\"reference\",version=\"v1\"}"));
    }
}
