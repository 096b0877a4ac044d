package dev.distill.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distill.events.ChatMessage;
import dev.distill.events.PromptEvent;
import dev.distill.events.Reference;
import dev.distill.events.Sampling;
import dev.distill.events.TeacherRef;
import dev.distill.events.TeacherResponseEvent;
import dev.distill.gateway.client.ChatCompletionRequest;
import dev.distill.gateway.client.ChatCompletionResponse;
import dev.distill.gateway.client.TeacherReply;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TeacherRef TEACHER = new TeacherRef("reference", "reference-teacher", "v2");

    private static PromptEvent prompt(int topLogprobs) {
        return new PromptEvent(1, "p1", "c1", "skills", "addition", List.of(ChatMessage.user("What is 3 + 4?")),
                new Reference("7", "final-answer"), "eval", new Sampling(0.0, 32, topLogprobs), null, Instant.EPOCH);
    }

    @Test
    void parsesTheReferenceTeacherWireFormat() throws Exception {
        ChatCompletionResponse body = JSON.readValue("""
                {"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,
                 "message":{"role":"assistant","content":"#### 7","refusal":null},"finish_reason":"length",
                 "logprobs":{"content":[{"token":"7","logprob":-0.01,"bytes":[55],
                   "top_logprobs":[{"token":"7","logprob":-0.01},{"token":"1","logprob":-4.6}]}],"refusal":null}}],
                 "usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}
                """, ChatCompletionResponse.class);

        TeacherResponseEvent event = ResponseMapper.toEvent(prompt(2), TEACHER, new TeacherReply(body, 42, 1),
                new Pricing(1.0, 2.0), Instant.EPOCH);

        assertThat(event.completion()).isEqualTo("#### 7");
        assertThat(event.finishReason()).isEqualTo("length");
        assertThat(event.tokens()).singleElement().satisfies(t -> {
            assertThat(t.token()).isEqualTo("7");
            assertThat(t.logprob()).isEqualTo(-0.01);
            assertThat(t.top()).extracting(a -> a.token()).containsExactly("7", "1");
        });
        assertThat(event.usage().totalTokens()).isEqualTo(8);
        assertThat(event.costUsd()).isEqualTo(5 / 1000.0 + 6 / 1000.0);
        assertThat(event.latencyMs()).isEqualTo(42);
        assertThat(event.split()).isEqualTo("eval");
        assertThat(event.reference().answer()).isEqualTo("7");
    }

    @Test
    void toleratesNullLogprobsMissingUsageNullContentAndMissingFinishReason() throws Exception {
        ChatCompletionResponse body = JSON.readValue("""
                {"choices":[{"message":{"role":"assistant","content":null},"logprobs":null}]}
                """, ChatCompletionResponse.class);

        TeacherResponseEvent event = ResponseMapper.toEvent(prompt(0), TEACHER, new TeacherReply(body, 1, 1),
                new Pricing(1.0, 1.0), Instant.EPOCH);

        assertThat(event.tokens()).isEmpty();
        assertThat(event.usage().totalTokens()).isZero();
        assertThat(event.costUsd()).isZero();
        assertThat(event.completion()).isEmpty();
        assertThat(event.finishReason()).isEqualTo("unknown");
    }

    @Test
    void requestCarriesMessagesAndSamplingButNeverTheReference() throws Exception {
        ChatCompletionRequest request = TeacherRequests.of(prompt(5), "reference-teacher");
        String json = JSON.writeValueAsString(request);

        assertThat(json).contains("\"top_logprobs\":5").contains("\"logprobs\":true").contains("\"max_tokens\":32")
                .doesNotContain("final-answer").doesNotContain("reference\"");
        assertThat(JSON.writeValueAsString(TeacherRequests.of(prompt(0), "m"))).doesNotContain("logprobs");
    }
}
