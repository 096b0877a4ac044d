package dev.distill.referenceteacher.service;

import java.util.List;

/**
 * One completion before it is put on the wire. {@code tokens} is empty unless logprobs were asked for;
 * {@code truncated} means {@code max_tokens} or a truncation fault cut it ({@code finish_reason: length}).
 */
public record Completion(String content, List<ScoredToken> tokens, boolean logprobs, boolean truncated,
        int promptTokens, int completionTokens, Answer.Outcome outcome) {
}
