package dev.distill.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.distill.events.TokenLogprob;
import dev.distill.gateway.domain.CachedAnswer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An OpenAI chat-completions response built from a teacher answer (fresh or cached). */
record ProxyResponse(String id, String object, long created, String model, List<Choice> choices, Usage usage) {

    record Choice(int index, Message message, @JsonInclude(JsonInclude.Include.ALWAYS) Logprobs logprobs,
            @JsonProperty("finish_reason") String finishReason) {
    }

    record Message(String role, String content) {
    }

    record Logprobs(List<Token> content) {
    }

    record Token(String token, double logprob, @JsonProperty("top_logprobs") List<Alternative> topLogprobs) {
    }

    record Alternative(String token, double logprob) {
    }

    record Usage(@JsonProperty("prompt_tokens") int promptTokens, @JsonProperty("completion_tokens") int completionTokens,
            @JsonProperty("total_tokens") int totalTokens) {
    }

    static ProxyResponse of(String model, CachedAnswer answer, boolean withLogprobs) {
        Logprobs logprobs = withLogprobs ? new Logprobs(answer.tokens().stream().map(ProxyResponse::token).toList()) : null;
        return new ProxyResponse("chatcmpl-" + UUID.randomUUID().toString().replace("-", ""), "chat.completion",
                Instant.now().getEpochSecond(), model,
                List.of(new Choice(0, new Message("assistant", answer.completion()), logprobs, answer.finishReason())),
                new Usage(answer.usage().promptTokens(), answer.usage().completionTokens(),
                        answer.usage().promptTokens() + answer.usage().completionTokens()));
    }

    private static Token token(TokenLogprob t) {
        return new Token(t.token(), t.logprob(), t.top().stream().map(a -> new Alternative(a.token(), a.logprob())).toList());
    }
}
