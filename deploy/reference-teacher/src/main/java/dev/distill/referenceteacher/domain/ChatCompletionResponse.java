package dev.distill.referenceteacher.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The OpenAI chat-completions response (non-streaming). */
public record ChatCompletionResponse(
        String id,
        String object,
        long created,
        String model,
        @JsonProperty("system_fingerprint") String systemFingerprint,
        List<Choice> choices,
        Usage usage) {

    public record Choice(int index, Message message, Logprobs logprobs, @JsonProperty("finish_reason") String finishReason) {
    }

    public record Message(String role, String content) {
    }

    /** Present only when the request asked for {@code logprobs}; null otherwise. */
    public record Logprobs(List<TokenLogprob> content) {
    }

    public record TokenLogprob(String token, double logprob, int[] bytes,
            @JsonProperty("top_logprobs") List<TopLogprob> topLogprobs) {
    }

    public record TopLogprob(String token, double logprob, int[] bytes) {
    }

    public record Usage(@JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("completion_tokens") int completionTokens,
            @JsonProperty("total_tokens") int totalTokens) {
    }
}
