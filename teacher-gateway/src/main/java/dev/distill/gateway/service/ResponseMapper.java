package dev.distill.gateway.service;

import dev.distill.events.PromptEvent;
import dev.distill.events.TeacherRef;
import dev.distill.events.TeacherResponseEvent;
import dev.distill.events.TokenLogprob;
import dev.distill.events.Usage;
import dev.distill.gateway.client.ChatCompletionResponse;
import dev.distill.gateway.client.TeacherReply;
import dev.distill.gateway.domain.CachedAnswer;
import java.time.Instant;
import java.util.List;

/** Between the teacher's OpenAI-format answer, the cached form of it, and the TeacherResponseEvent. */
public final class ResponseMapper {

    /** OpenAI servers may omit finish_reason; the event requires one. */
    static final String UNKNOWN_FINISH = "unknown";

    private ResponseMapper() {
    }

    public static CachedAnswer toAnswer(TeacherReply reply) {
        ChatCompletionResponse.Choice choice = reply.body().choices().get(0);
        // a null content (refusal, tool call) is carried as empty: the curator rejects it visibly
        String completion = choice.message() == null || choice.message().content() == null ? "" : choice.message().content();
        String finish = choice.finishReason() == null || choice.finishReason().isBlank() ? UNKNOWN_FINISH : choice.finishReason();
        return new CachedAnswer(completion, finish, tokens(choice.logprobs()), usage(reply.body().usage()), reply.latencyMs());
    }

    /** The event for a prompt; {@code costUsd} is 0 when the answer came from the cache (nothing was billed). */
    public static TeacherResponseEvent toEvent(PromptEvent prompt, TeacherRef teacher, CachedAnswer answer, boolean cached,
            double costUsd, Instant now) {
        return new TeacherResponseEvent(TeacherResponseEvent.SCHEMA_VERSION, prompt.promptId(), prompt.campaignId(),
                teacher, prompt.messages(), answer.completion(), answer.finishReason(), answer.tokens(), answer.usage(),
                costUsd, answer.latencyMs(), cached, prompt.skill(), prompt.split(), prompt.reference(), now);
    }

    static Usage usage(ChatCompletionResponse.Usage usage) {
        return usage == null ? Usage.NONE : new Usage(usage.promptTokens(), usage.completionTokens());
    }

    /** {@code choices[0].logprobs.content[*]}; absent logprobs give an empty list. */
    static List<TokenLogprob> tokens(ChatCompletionResponse.Logprobs logprobs) {
        if (logprobs == null || logprobs.content() == null) {
            return List.of();
        }
        return logprobs.content().stream()
                .map(t -> new TokenLogprob(nullToEmpty(t.token()), t.logprob(), alternatives(t.topLogprobs())))
                .toList();
    }

    private static List<TokenLogprob.Alternative> alternatives(List<ChatCompletionResponse.TopLogprob> top) {
        if (top == null) {
            return List.of();
        }
        return top.stream().map(a -> new TokenLogprob.Alternative(nullToEmpty(a.token()), a.logprob())).toList();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
