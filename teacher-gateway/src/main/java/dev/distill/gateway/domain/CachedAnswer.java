package dev.distill.gateway.domain;

import dev.distill.events.TokenLogprob;
import dev.distill.events.Usage;
import java.util.List;

/** What the response cache keeps of a teacher answer: enough to rebuild the event and the proxy's reply. */
public record CachedAnswer(String completion, String finishReason, List<TokenLogprob> tokens, Usage usage, long latencyMs) {
}
