package dev.distill.evaluator.serving;

import com.fasterxml.jackson.annotation.JsonProperty;

/** OpenAI's {@code usage}: the student's tokens, which are bytes (it is byte-level). */
public record TokenUsage(@JsonProperty("prompt_tokens") int promptTokens,
        @JsonProperty("completion_tokens") int completionTokens, @JsonProperty("total_tokens") int totalTokens) {

    public static TokenUsage of(ServedModel.Completion completion) {
        return new TokenUsage(completion.promptTokens(), completion.completionTokens(),
                completion.promptTokens() + completion.completionTokens());
    }
}
