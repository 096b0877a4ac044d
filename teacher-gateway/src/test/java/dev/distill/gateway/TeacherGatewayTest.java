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
import dev.distill.events.Topics;
import dev.distill.gateway.domain.TeacherCall;
import dev.distill.testing.DistillTestResource;
import dev.distill.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(DistillTestResource.class)
@WithTestResource(FakeTeacherResource.class)
class TeacherGatewayTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** A reference answer no teacher answer contains, so finding it in a request means it leaked. */
    private static final String SECRET_ANSWER = "918273645";

    private static String bootstrap() {
        return DistillTestResource.broker().bootstrapServers();
    }

    private static PromptEvent prompt(String text, int topLogprobs) {
        String id = "p-" + UUID.randomUUID();
        return new PromptEvent(PromptEvent.SCHEMA_VERSION, id, "c-test", "skills", "addition",
                List.of(new ChatMessage("system", "Answer with a final line '#### <answer>'."),
                        ChatMessage.user(text + " [" + id + "]")),
                new Reference(SECRET_ANSWER, "final-answer"), "train", new Sampling(0.2, 64, topLogprobs), null,
                Instant.parse("2025-01-01T00:00:00Z"));
    }

    private static void send(PromptEvent prompt) {
        TopicProbe.send(bootstrap(), Topics.PROMPTS, prompt.promptId(), EventCodec.toJson(prompt));
    }

    private static List<ConsumerRecord<String, String>> responses(String promptId, int count) {
        return TopicProbe.await(bootstrap(), Topics.TEACHER_RESPONSES, count, r -> promptId.equals(r.key()), WAIT);
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
        assertThat(response.costUsd()).isCloseTo(12 / 1000.0 * 0.5 + 8 / 1000.0 * 1.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(response.latencyMs()).isGreaterThanOrEqualTo(0);
        assertThat(response.tokens()).hasSize(8);
        assertThat(response.tokens().get(6).token()).isEqualTo("####");
        assertThat(response.tokens().get(6).logprob()).isEqualTo(-0.07, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(response.tokens().get(6).top()).hasSize(3);
        assertThat(response.tokens().get(6).top().get(1).token()).isEqualTo("alt1");

        Map<String, String> headers = TopicProbe.headers(record);
        assertThat(headers).containsEntry("ce_id", "response:" + prompt.promptId() + ":reference@v1")
                .containsEntry("ce_type", "dev.distill.teacher-response.v1")
                .containsEntry("ce_source", "/distill/teacher-gateway")
                .containsEntry("ce_specversion", "1.0")
                .containsKey("ce_time");

        // what the teacher saw: messages, model and sampling, the key as a bearer token, never the reference
        List<FakeOpenAiTeacher.Received> seen = FakeTeacherResource.teacher().receivedWith(prompt.promptId());
        assertThat(seen).hasSize(1);
        FakeOpenAiTeacher.Received request = seen.get(0);
        assertThat(request.body()).doesNotContain(SECRET_ANSWER).doesNotContain("reference\"").doesNotContain("final-answer");
        assertThat(request.json().path("model").asText()).isEqualTo("reference-teacher");
        assertThat(request.json().path("messages")).hasSize(2);
        assertThat(request.json().path("max_tokens").asInt()).isEqualTo(64);
        assertThat(request.json().path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(request.json().path("logprobs").asBoolean()).isTrue();
        assertThat(request.json().path("top_logprobs").asInt()).isEqualTo(3);
        assertThat(request.authorization()).isEqualTo("Bearer " + FakeTeacherResource.API_KEY);

        TeacherCall call = TeacherCall.findFor(prompt.promptId(), "reference", "v1").orElseThrow();
        assertThat(call.status).isEqualTo("ok");
        assertThat(call.promptTokens).isEqualTo(12);
        assertThat(call.completionTokens).isEqualTo(8);
        assertThat(call.costUsd).isEqualTo(response.costUsd());
        assertThat(call.attempts).isEqualTo(1);
    }

    @Test
    void withoutLogprobsOrUsageTheResponseHasNoTokensAndZeroUsage() {
        PromptEvent prompt = prompt("What is 3 + 4? [no-usage]", 0);
        send(prompt);

        TeacherResponseEvent response = EventCodec.fromJson(responses(prompt.promptId(), 1).get(0).value(),
                TeacherResponseEvent.class);

        assertThat(response.tokens()).isEmpty();
        assertThat(response.usage().promptTokens()).isZero();
        assertThat(response.usage().completionTokens()).isZero();
        assertThat(response.costUsd()).isZero();
        FakeOpenAiTeacher.Received request = FakeTeacherResource.teacher().receivedWith(prompt.promptId()).get(0);
        assertThat(request.json().has("logprobs")).isFalse();
        assertThat(request.json().has("top_logprobs")).isFalse();
    }

    @Test
    void redeliveredPromptIsAnsweredFromTheLedgerWithoutCallingTheTeacherAgain() {
        PromptEvent prompt = prompt("What is 3 + 4?", 2);
        send(prompt);
        String first = responses(prompt.promptId(), 1).get(0).value();

        send(prompt); // a redelivery: same promptId, same teacher version
        List<ConsumerRecord<String, String>> both = responses(prompt.promptId(), 2);

        assertThat(both.get(1).value()).isEqualTo(first);
        assertThat(FakeTeacherResource.teacher().receivedWith(prompt.promptId())).hasSize(1);
        assertThat(TeacherCall.count("promptId", prompt.promptId())).isEqualTo(1);
    }

    @Test
    void malformedPromptGoesToTheDlqWithTheErrorAndTheNextPromptIsStillAnswered() {
        String badKey = "bad-" + UUID.randomUUID();
        TopicProbe.send(bootstrap(), Topics.PROMPTS, badKey, "{\"schemaVersion\":1,\"promptId\":\"x\"");

        ConsumerRecord<String, String> dead = TopicProbe.await(bootstrap(), Topics.dlq(Topics.PROMPTS), 1,
                r -> badKey.equals(r.key()), WAIT).get(0);
        assertThat(dead.value()).isEqualTo("{\"schemaVersion\":1,\"promptId\":\"x\"");
        assertThat(TopicProbe.headers(dead).get("dead-letter-reason")).contains("PromptEvent").contains("not valid JSON");

        PromptEvent good = prompt("What is 3 + 4?", 0);
        send(good);
        assertThat(responses(good.promptId(), 1)).hasSize(1);
    }

    @Test
    void teacherErrorsAreRetriedThenThePromptGoesToTheDlqWithTheCause() {
        PromptEvent failing = prompt("What is 3 + 4? [status-500]", 0);
        send(failing);

        ConsumerRecord<String, String> dead = TopicProbe.await(bootstrap(), Topics.dlq(Topics.PROMPTS), 1,
                r -> failing.promptId().equals(r.key()), WAIT).get(0);
        String reason = TopicProbe.headers(dead).get("dead-letter-reason");
        assertThat(reason).contains("HTTP 500").contains("teacher exploded").contains("3 attempt(s)")
                .doesNotContain(FakeTeacherResource.API_KEY);
        assertThat(EventCodec.fromJson(dead.value(), PromptEvent.class)).isEqualTo(failing);
        assertThat(FakeTeacherResource.teacher().receivedWith(failing.promptId())).hasSize(3);
        TeacherCall call = TeacherCall.findFor(failing.promptId(), "reference", "v1").orElseThrow();
        assertThat(call.status).isEqualTo("failed");
        assertThat(call.error).contains("HTTP 500");

        PromptEvent garbage = prompt("What is 3 + 4? [garbage]", 0);
        send(garbage);
        ConsumerRecord<String, String> unparseable = TopicProbe.await(bootstrap(), Topics.dlq(Topics.PROMPTS), 1,
                r -> garbage.promptId().equals(r.key()), WAIT).get(0);
        assertThat(TopicProbe.headers(unparseable).get("dead-letter-reason")).contains("unparseable response body");
        assertThat(FakeTeacherResource.teacher().receivedWith(garbage.promptId())).hasSize(1); // not worth retrying
    }

    @Test
    void promptsAreAnsweredConcurrently() throws Exception {
        List<PromptEvent> prompts = java.util.stream.IntStream.range(0, 64)
                .mapToObj(i -> prompt("What is 3 + 4? [slow]", 0)).toList();
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", bootstrap());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(props,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            for (PromptEvent p : prompts) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.PROMPTS, p.promptId(),
                        EventCodec.toJson(p)));
            }
        }
        java.util.Set<String> ids = prompts.stream().map(PromptEvent::promptId).collect(java.util.stream.Collectors.toSet());
        long started = System.nanoTime();

        TopicProbe.await(bootstrap(), Topics.TEACHER_RESPONSES, prompts.size(), r -> ids.contains(r.key()), WAIT);

        // 64 calls of 100 ms each take 6.4 s one at a time; the worker pool overlaps them
        assertThat(FakeTeacherResource.teacher().maxInFlight()).isGreaterThanOrEqualTo(4);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(6400));
    }

    @Test
    void teachersEndpointHealthAndMetrics() {
        given().get("/teachers").then().statusCode(200)
                .body("[0].name", equalTo("reference"))
                .body("[0].model", equalTo("reference-teacher"))
                .body("[0].version", equalTo("v1"))
                .body("[0].apiKeyConfigured", equalTo(true))
                .body(not(containsString(FakeTeacherResource.API_KEY)));

        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        PromptEvent prompt = prompt("What is 3 + 4?", 1);
        send(prompt);
        responses(prompt.promptId(), 1);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("distill_teacher_requests_total{outcome=\"ok\",teacher=\"reference\",version=\"v1\"}"))
                .body(containsString("distill_teacher_latency_seconds_count{teacher=\"reference\",version=\"v1\"}"))
                .body(containsString("distill_teacher_tokens_total{kind=\"completion\",teacher=\"reference\",version=\"v1\"}"))
                .body(containsString("distill_teacher_cost_usd_total{teacher=\"reference\",version=\"v1\"}"));
    }
}
