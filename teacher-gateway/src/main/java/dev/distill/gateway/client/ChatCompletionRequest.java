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
        @JsonProperty("top_logprobs") Integer topLogprobs,
        Integer seed) {

    public record Message(String role, String content) {
    }

    /** The same request for another model name (the version a prompt is routed to decides the model). */
    public ChatCompletionRequest withModel(String newModel) {
        return new ChatCompletionRequest(newModel, messages, temperature, maxTokens, logprobs, topLogprobs, seed);
    }

    /** Characters in all messages: the input-size check and the token estimate before a call both use it. */
    public int messageChars() {
        return messages.stream().mapToInt(m -> m.content() == null ? 0 : m.content().length()).sum();
    }
}
