package dev.distill.curator.filter;

import dev.distill.events.ChatMessage;
import dev.distill.events.TeacherResponseEvent;
import java.util.List;
import java.util.stream.Collectors;

/** The prompt a response answered, as text: what deduplication and decontamination compare. */
public final class PromptOf {

    private PromptOf() {
    }

    /** The system and user messages, one per line (the prompt's own earlier answers are not what identifies it). */
    public static String text(TeacherResponseEvent response) {
        return text(response.messages());
    }

    public static String text(List<ChatMessage> messages) {
        return messages.stream().filter(m -> !"assistant".equals(m.role())).map(ChatMessage::content)
                .collect(Collectors.joining("\n"));
    }
}
