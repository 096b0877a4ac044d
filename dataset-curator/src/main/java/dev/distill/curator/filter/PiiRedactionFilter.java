package dev.distill.curator.filter;

import dev.distill.events.ChatMessage;
import dev.distill.events.TeacherResponseEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Redacts personal data and secrets ({@link PiiRedactor}) in the completion and in every message of the prompt. A
 * response with anything redacted goes on changed, with counts by kind, and without its token logprobs: those spell
 * the redacted text and no longer line up with the completion.
 */
@ApplicationScoped
public class PiiRedactionFilter implements SampleFilter {

    public static final String NAME = "pii";

    private final PiiRedactor redactor = new PiiRedactor();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult apply(TeacherResponseEvent response) {
        Map<String, Integer> counts = new TreeMap<>();
        List<ChatMessage> messages = new ArrayList<>(response.messages().size());
        for (ChatMessage message : response.messages()) {
            PiiRedactor.Redacted content = redactor.redact(message.content());
            content.counts().forEach((kind, n) -> counts.merge(kind, n, Integer::sum));
            messages.add(content.changed() ? new ChatMessage(message.role(), content.text()) : message);
        }
        PiiRedactor.Redacted completion = redactor.redact(response.completion());
        completion.counts().forEach((kind, n) -> counts.merge(kind, n, Integer::sum));
        if (counts.isEmpty()) {
            return FilterResult.accept();
        }
        TeacherResponseEvent redacted = new TeacherResponseEvent(response.schemaVersion(), response.promptId(),
                response.campaignId(), response.teacher(), messages, completion.text(), response.finishReason(),
                List.of(), response.usage(), response.costUsd(), response.latencyMs(), response.cached(),
                response.skill(), response.split(), response.reference(), response.createdAt());
        return FilterResult.modify(redacted, counts);
    }
}
