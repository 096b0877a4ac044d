package dev.distill.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distill.events.ChatMessage;
import dev.distill.events.PromptEvent;
import dev.distill.events.Reference;
import dev.distill.events.Sampling;
import dev.distill.events.TeacherRef;
import dev.distill.events.TeacherResponseEvent;
import dev.distill.gateway.client.ChatCompletionResponse;
import dev.distill.gateway.client.TeacherReply;
import dev.distill.gateway.domain.CachedAnswer;
import dev.distill.gateway.domain.Price;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Contract tests: response bodies shaped as vLLM, Ollama and OpenAI document them (extra fields, missing or null
 * logprobs and usage, each finish_reason) parse into the same event.
 */
class ResponseMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TeacherRef TEACHER = new TeacherRef("reference", "reference-teacher", "v2");

    private static PromptEvent prompt() {
        return new PromptEvent(1, "p1", "c1", "skills", "addition", List.of(ChatMessage.user("What is 3 + 4?")),
                new Reference("7", "final-answer"), "eval", new Sampling(0.0, 32, 2), null, Instant.EPOCH);
    }

    private static CachedAnswer parse(String body) throws Exception {
        return ResponseMapper.toAnswer(new TeacherReply(JSON.readValue(body, ChatCompletionResponse.class), 42));
    }

    @Test
    void openAiBodyWithLogprobsRefusalFieldAndUsageDetails() throws Exception {
        CachedAnswer answer = parse("""
                {"id":"chatcmpl-123","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini-2024-07-18",
                 "system_fingerprint":"fp_44709d6fcb","service_tier":"default",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"#### 7","refusal":null,"annotations":[]},
                   "logprobs":{"content":[{"token":"####","logprob":-0.01,"bytes":[35,35,35,35],
                     "top_logprobs":[{"token":"####","logprob":-0.01,"bytes":[35,35,35,35]},{"token":"The","logprob":-4.6,"bytes":[84,104,101]}]},
                     {"token":" 7","logprob":-0.002,"bytes":[32,55],"top_logprobs":[]}],"refusal":null},
                   "finish_reason":"stop"}],
                 "usage":{"prompt_tokens":19,"completion_tokens":2,"total_tokens":21,
                   "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},
                   "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0}}}
                """);

        assertThat(answer.completion()).isEqualTo("#### 7");
        assertThat(answer.finishReason()).isEqualTo("stop");
        assertThat(answer.tokens()).hasSize(2);
        assertThat(answer.tokens().get(0).top()).extracting(a -> a.token()).containsExactly("####", "The");
        assertThat(answer.usage().promptTokens()).isEqualTo(19);
        assertThat(answer.usage().completionTokens()).isEqualTo(2);
        assertThat(answer.latencyMs()).isEqualTo(42);
    }

    @Test
    void vllmBodyWithStopReasonPromptLogprobsAndLengthFinish() throws Exception {
        CachedAnswer answer = parse("""
                {"id":"chatcmpl-9a1","object":"chat.completion","created":1718000000,"model":"Qwen/Qwen2.5-7B-Instruct",
                 "choices":[{"index":0,"message":{"role":"assistant","reasoning_content":null,"content":"3 + 4 = ","tool_calls":[]},
                   "logprobs":{"content":[{"token":"3","logprob":-0.0001,"bytes":[51],"top_logprobs":[{"token":"3","logprob":-0.0001,"bytes":[51]}]}]},
                   "finish_reason":"length","stop_reason":null}],
                 "usage":{"prompt_tokens":25,"total_tokens":57,"completion_tokens":32,"prompt_tokens_details":null},
                 "prompt_logprobs":null,"kv_transfer_params":null}
                """);

        assertThat(answer.finishReason()).isEqualTo("length");
        assertThat(answer.tokens()).singleElement().satisfies(t -> assertThat(t.logprob()).isEqualTo(-0.0001));
        assertThat(answer.usage().completionTokens()).isEqualTo(32);
    }

    @Test
    void ollamaBodyWithoutLogprobsAndWithSystemFingerprint() throws Exception {
        CachedAnswer answer = parse("""
                {"id":"chatcmpl-604","object":"chat.completion","created":1718000000,"model":"llama3.2",
                 "system_fingerprint":"fp_ollama","choices":[{"index":0,"message":{"role":"assistant","content":"7"},
                 "finish_reason":"stop"}],"usage":{"prompt_tokens":30,"completion_tokens":2,"total_tokens":32}}
                """);

        assertThat(answer.completion()).isEqualTo("7");
        assertThat(answer.tokens()).isEmpty();
        assertThat(answer.usage().promptTokens()).isEqualTo(30);
    }

    @Test
    void contentFilterFinishNullContentMissingUsageAndMissingFinishReason() throws Exception {
        CachedAnswer filtered = parse("""
                {"choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":"I can't help with that."},
                 "logprobs":null,"finish_reason":"content_filter"}]}
                """);
        assertThat(filtered.completion()).isEmpty();
        assertThat(filtered.finishReason()).isEqualTo("content_filter");
        assertThat(filtered.usage().promptTokens()).isZero();
        assertThat(filtered.tokens()).isEmpty();

        assertThat(parse("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"x\"}}]}").finishReason())
                .isEqualTo("unknown");
    }

    @Test
    void eventCarriesThePromptTheAnswerAndWhetherItWasCached() throws Exception {
        CachedAnswer answer = parse("""
                {"choices":[{"message":{"role":"assistant","content":"#### 7"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":5,"completion_tokens":3}}
                """);
        double cost = new Price(1.0, 2.0).cost(answer.usage());

        TeacherResponseEvent fresh = ResponseMapper.toEvent(prompt(), TEACHER, answer, false, cost, Instant.EPOCH);
        TeacherResponseEvent cached = ResponseMapper.toEvent(prompt(), TEACHER, answer, true, 0, Instant.EPOCH);

        assertThat(fresh.costUsd()).isEqualTo(5 / 1000.0 + 6 / 1000.0);
        assertThat(fresh.cached()).isFalse();
        assertThat(fresh.split()).isEqualTo("eval");
        assertThat(fresh.reference().answer()).isEqualTo("7");
        assertThat(fresh.teacher()).isEqualTo(TEACHER);
        assertThat(cached.cached()).isTrue();
        assertThat(cached.costUsd()).isZero();
        assertThat(cached.eventId()).isEqualTo(fresh.eventId());
    }

    @Test
    void requestCarriesMessagesSamplingAndSeedButNeverTheReference() throws Exception {
        PromptEvent withSeed = new PromptEvent(1, "p1", "c1", "skills", "addition", List.of(ChatMessage.user("q")),
                new Reference("7", "final-answer"), "eval", new Sampling(0.0, 32, 5, 42), null, Instant.EPOCH);
        String json = JSON.writeValueAsString(TeacherRequests.of(withSeed, "reference-teacher"));

        assertThat(json).contains("\"top_logprobs\":5").contains("\"logprobs\":true").contains("\"max_tokens\":32")
                .contains("\"seed\":42").doesNotContain("final-answer").doesNotContain("reference\"");
        assertThat(JSON.writeValueAsString(TeacherRequests.of(prompt(), "m"))).doesNotContain("seed");
    }
}
