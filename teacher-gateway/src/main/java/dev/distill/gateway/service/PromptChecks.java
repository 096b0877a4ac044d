package dev.distill.gateway.service;

import dev.distill.events.ChatMessage;
import dev.distill.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** What every request must satisfy before a teacher is called, from Kafka or through the proxy. */
@ApplicationScoped
public class PromptChecks {

    private final GatewayConfig config;

    public PromptChecks(GatewayConfig config) {
        this.config = config;
    }

    public void check(List<ChatMessage> messages) {
        if (messages == null || messages.isEmpty()) {
            throw new InvalidPromptException("prompt has no messages");
        }
        int chars = 0;
        boolean anyText = false;
        for (ChatMessage message : messages) {
            String content = message.content() == null ? "" : message.content();
            chars += content.length();
            anyText |= !content.isBlank();
        }
        if (!anyText) {
            throw new InvalidPromptException("prompt messages are all empty");
        }
        if (chars > config.maxPromptChars()) {
            throw new InvalidPromptException("prompt too large: " + chars + " characters in messages, the limit is "
                    + config.maxPromptChars() + " (distill.gateway.max-prompt-chars)");
        }
    }
}
