package dev.distill.referenceteacher.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The OpenAI chat-completions request, the fields this teacher reads. Unknown fields are ignored, as OpenAI-compatible
 * servers do. {@code max_completion_tokens} is the newer name of {@code max_tokens}; either is accepted.
 */
public record ChatCompletionRequest(
        String model,
        List<ChatMessage> messages,
        Double temperature,
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
        Boolean logprobs,
        @JsonProperty("top_logprobs") Integer topLogprobs,
        Long seed,
        Integer n,
        Boolean stream) {

    public record ChatMessage(String role, String content) {
    }

    /** The effective completion-token limit, or null for none. */
    public Integer tokenLimit() {
        return maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
    }
}
