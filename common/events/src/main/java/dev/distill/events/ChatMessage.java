package dev.distill.events;

/** One chat turn; role is system, user or assistant. */
public record ChatMessage(String role, String content) {
    public ChatMessage {
        Require.present(role, "role");
        Require.present(content, "content");
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }
}
