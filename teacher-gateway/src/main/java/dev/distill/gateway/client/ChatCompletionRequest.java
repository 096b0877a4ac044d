package dev.distill.gateway.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OpenAI chat-completions request body. Null fields are left out, so {@code logprobs} is only sent when asked. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(
        String model,
        List<Message> messages,
        Double temperature,
        @JsonProperty("max_tokens") Integer maxTokens,
        Boolean logprobs,
        @JsonProperty("top_logprobs") Integer topLogprobs) {

    public record Message(String role, String content) {
    }
}
