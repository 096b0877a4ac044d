package dev.distill.promptgenerator.source;

import dev.distill.events.ChatMessage;
import dev.distill.events.Reference;
import java.util.List;
import java.util.Objects;

/**
 * One prompt read from a user's file: the conversation to send, ending with a user message, plus the optional
 * expected answer and skill the user tagged it with.
 */
public record PromptLine(List<ChatMessage> messages, Reference reference, String skill) {
    public PromptLine {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a prompt needs at least one message");
        }
    }
}
