package dev.distill.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.distill.events.EventCodec;
import dev.distill.events.PromptEvent;
import dev.distill.events.TeacherResponseEvent;
import dev.distill.events.Topics;
import dev.distill.gateway.rest.OpenAiProxyResource;
import dev.distill.testing.DistillTestResource;
import dev.distill.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(DistillTestResource.class)
@WithTestResource(FakeTeacherResource.class)
class OpenAiProxyTest {

    private static String body(String user, String extra) {
        return "{\"model\":\"reference\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"" + user + "\"}],\"temperature\":0,\"max_tokens\":32" + extra + "}";
    }

    @Test
    void answersInOpenAiShapeFromTheActiveVersionAndCachesRepeats() {
        String user = "What is 3 + 4? [" + UUID.randomUUID() + "]";
        Response first = given().contentType(ContentType.JSON).body(body(user, ",\"logprobs\":true,\"top_logprobs\":2"))
                .post("/v1/chat/completions");
        first.then().statusCode(200)
                .header(OpenAiProxyResource.CACHED_HEADER, "false")
                .header(OpenAiProxyResource.TEACHER_HEADER, "reference@v1")
                .body("object", equalTo("chat.completion"))
                .body("id", notNullValue())
                .body("choices[0].message.role", equalTo("assistant"))
                .body("choices[0].message.content", equalTo(FakeOpenAiTeacher.COMPLETION))
                .body("choices[0].finish_reason", equalTo("stop"))
                .body("choices[0].logprobs.content[6].token", equalTo("####"))
                .body("choices[0].logprobs.content[6].top_logprobs.size()", equalTo(2))
                .body("usage.total_tokens", equalTo(20));
        var seen = FakeTeacherResource.teacher().receivedWith(user);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).json().path("model").asText()).isEqualTo("reference-teacher");
        assertThat(seen.get(0).authorization()).isEqualTo("Bearer " + FakeTeacherResource.API_KEY);

        given().contentType(ContentType.JSON).body(body(user, ",\"logprobs\":true,\"top_logprobs\":2"))
                .post("/v1/chat/completions").then().statusCode(200)
                .header(OpenAiProxyResource.CACHED_HEADER, "true")
                .body("choices[0].message.content", equalTo(FakeOpenAiTeacher.COMPLETION));
        assertThat(FakeTeacherResource.teacher().receivedWith(user)).hasSize(1);
    }

    @Test
    void capturedExchangeIsPublishedAsPromptAndResponse() {
        String user = "What is 5 + 6? [" + UUID.randomUUID() + "]";
        given().contentType(ContentType.JSON).header("x-distill-campaign", "app-traffic").body(body(user, ""))
                .post("/v1/chat/completions").then().statusCode(200);

        String bootstrap = DistillTestResource.broker().bootstrapServers();
        var promptRecord = TopicProbe.await(bootstrap, Topics.PROMPTS, 1, r -> r.value().contains(user.substring(16)),
                Duration.ofSeconds(20)).get(0);
        PromptEvent prompt = EventCodec.fromJson(promptRecord.value(), PromptEvent.class);
        assertThat(prompt.source()).isEqualTo("capture");
        assertThat(prompt.campaignId()).isEqualTo("app-traffic");
        assertThat(prompt.reference()).isNull();
        assertThat(prompt.sampling().maxTokens()).isEqualTo(32);
        assertThat(prompt.messages()).hasSize(2);

        TeacherResponseEvent response = EventCodec.fromJson(TopicProbe.await(bootstrap, Topics.TEACHER_RESPONSES, 1,
                r -> prompt.promptId().equals(r.key()), Duration.ofSeconds(20)).get(0).value(), TeacherResponseEvent.class);
        assertThat(response.completion()).isEqualTo(FakeOpenAiTeacher.COMPLETION);
        assertThat(response.campaignId()).isEqualTo("app-traffic");
        assertThat(response.teacher().version()).isEqualTo("v1");

        // the gateway's own consumer skips captured prompts: the teacher was asked once, and one response exists
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(FakeTeacherResource.teacher().receivedWith(user)).hasSize(1);
        assertThat(TopicProbe.all(bootstrap, Topics.TEACHER_RESPONSES).stream()
                .filter(r -> prompt.promptId().equals(r.key()))).hasSize(1);
    }

    @Test
    void badRequestsAndTeacherFailuresAnswerOpenAiErrors() {
        given().contentType(ContentType.JSON).body("{\"messages\":[]}").post("/v1/chat/completions").then()
                .statusCode(400).body("error.message", containsString("messages"));
        given().contentType(ContentType.JSON).body(body("hi", ",\"stream\":true")).post("/v1/chat/completions").then()
                .statusCode(400).body("error.message", containsString("stream"));
        given().contentType(ContentType.JSON).body(body("x".repeat(32_001), "")).post("/v1/chat/completions").then()
                .statusCode(400).body("error.message", containsString("prompt too large"));
        given().contentType(ContentType.JSON).body(body("boom [status-500] " + UUID.randomUUID(), ""))
                .post("/v1/chat/completions").then()
                .statusCode(502).body("error.type", equalTo("teacher_error")).body("error.message", containsString("HTTP 500"));
        given().get("/v1/models").then().statusCode(200).body("object", equalTo("list"))
                .body("data.id", org.hamcrest.Matchers.hasItem("reference"));
    }
}
