package dev.distill.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** One chat message. The role is normalised to lower case and must be system, user or assistant. */
public record ChatTurn(String role, String content) {

    public static final Set<String> ROLES = Set.of("system", "user", "assistant");

    public ChatTurn {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        role = role.toLowerCase(Locale.ROOT);
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("role must be one of system, user, assistant; got \"" + role + "\"");
        }
    }

    public static ChatTurn system(String content) {
        return new ChatTurn("system", content);
    }

    public static ChatTurn user(String content) {
        return new ChatTurn("user", content);
    }

    public static ChatTurn assistant(String content) {
        return new ChatTurn("assistant", content);
    }
}
