package dev.distill.gateway.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * OpenAI chat-completions response, reduced to what the gateway reads. Tolerant by design: servers differ
 * (vLLM, Ollama, llama.cpp, TGI, hosted APIs), so unknown fields are ignored and {@code logprobs} or
 * {@code usage} may be missing or null.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletionResponse(String id, String model, List<Choice> choices, Usage usage) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Choice(int index, Message message, @JsonProperty("finish_reason") String finishReason,
            Logprobs logprobs) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(String role, String content) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Logprobs(List<TokenLogprob> content) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TokenLogprob(String token, double logprob,
            @JsonProperty("top_logprobs") List<TopLogprob> topLogprobs) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TopLogprob(String token, double logprob) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Usage(@JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("completion_tokens") int completionTokens) {
    }
}
