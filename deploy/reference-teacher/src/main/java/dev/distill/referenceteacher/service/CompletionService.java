package dev.distill.referenceteacher.service;

import dev.distill.referenceteacher.config.TeacherIdentity;
import dev.distill.referenceteacher.domain.ChatCompletionRequest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Turns a validated request into a completion: answer the last user message, score its tokens, cut at the token
 * limit. {@code temperature} and {@code seed} are accepted but do not change the answer: this teacher is
 * deterministic per (version, prompt), like a real model at temperature 0.
 */
@ApplicationScoped
public class CompletionService {

    private final TeacherAnswerer answerer;
    private final TeacherIdentity identity;
    private final MeterRegistry registry;

    public CompletionService(TeacherAnswerer answerer, TeacherIdentity identity, MeterRegistry registry) {
        this.answerer = answerer;
        this.identity = identity;
        this.registry = registry;
    }

    public Completion complete(ChatCompletionRequest request) {
        return complete(request, AnswerFault.NONE);
    }

    /** As {@link #complete(ChatCompletionRequest)}, with the answer reshaped by an injected fault before scoring. */
    public Completion complete(ChatCompletionRequest request, AnswerFault fault) {
        RequestValidator.validate(request, identity);
        String prompt = lastUserMessage(request.messages());
        Answer answer = answerer.answer(prompt);
        answer = switch (fault) {
            case REFUSAL -> FaultyAnswers.refusal(answer);
            case PII -> FaultyAnswers.withContactLine(answer);
            case NONE, TRUNCATE -> answer;
        };
        boolean logprobs = Boolean.TRUE.equals(request.logprobs());
        int k = request.topLogprobs() == null ? 0 : request.topLogprobs();
        List<ScoredToken> scored = fault == AnswerFault.TRUNCATE
                ? LogprobModel.scoreTrailingOff(answer, identity.version(), prompt, k,
                        FaultyAnswers.truncatedLength(CharTokenizer.count(answer.text())))
                : LogprobModel.score(answer, identity.version(), prompt, k);
        Integer limit = request.tokenLimit();
        boolean cutByLimit = limit != null && scored.size() > limit;
        List<ScoredToken> kept = cutByLimit ? scored.subList(0, limit) : scored;
        boolean truncated = cutByLimit || fault == AnswerFault.TRUNCATE;
        String content = truncated ? String.join("", kept.stream().map(ScoredToken::token).toList()) : answer.text();
        int promptTokens = request.messages().stream().mapToInt(m -> CharTokenizer.count(m.content())).sum();

        registry.counter("distill.teacher.completions", "version", identity.version(), "outcome", answer.outcome().tag(),
                "finish_reason", truncated ? "length" : "stop").increment();
        registry.counter("distill.teacher.completion.tokens", "version", identity.version()).increment(kept.size());
        return new Completion(content, logprobs ? List.copyOf(kept) : List.of(), logprobs, truncated, promptTokens,
                kept.size(), answer.outcome());
    }

    private static String lastUserMessage(List<ChatCompletionRequest.ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return messages.get(i).content();
            }
        }
        throw new IllegalStateException("validated request without a user message");
    }
}
