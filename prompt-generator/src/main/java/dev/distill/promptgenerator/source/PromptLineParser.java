package dev.distill.promptgenerator.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distill.events.ChatMessage;
import dev.distill.events.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns one JSONL line into a {@link PromptLine}. Accepts the shapes users already have: OpenAI chat files
 * ({@code messages}, with a fine-tuning file's final assistant answer dropped) and plain {@code prompt} lines, either
 * with an optional {@code reference}/{@code verifier} and {@code skill}. Every rejection says what is wrong, so a
 * user can fix the file; fields it does not know are ignored, so richer files still load.
 */
public final class PromptLineParser {

    static final int MAX_CONTENT_CHARS = 32_768;
    static final int MAX_SKILL_CHARS = 64;
    static final String DEFAULT_VERIFIER = "final-answer";
    static final List<String> VERIFIERS = List.of("final-answer", "exact", "regex");

    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public PromptLine parse(String json) {
        JsonNode root = read(json);
        if (!root.isObject()) {
            throw new InvalidLineException("not a JSON object");
        }
        JsonNode prompt = field(root, "prompt");
        JsonNode messages = field(root, "messages");
        if (prompt != null && messages != null) {
            throw new InvalidLineException("has both \"prompt\" and \"messages\"; use one");
        }
        if (prompt == null && messages == null) {
            throw new InvalidLineException("missing \"prompt\" or \"messages\"");
        }
        List<ChatMessage> conversation = prompt != null
                ? List.of(ChatMessage.user(content(prompt, "prompt")))
                : messages(messages);
        return new PromptLine(conversation, reference(root), skill(root));
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidLineException("invalid JSON: " + e.getOriginalMessage());
        }
    }

    /** The field's value, or null when it is absent or JSON null: an optional field set to null means "not given". */
    private static JsonNode field(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private static List<ChatMessage> messages(JsonNode array) {
        if (!array.isArray()) {
            throw new InvalidLineException("messages must be an array");
        }
        if (array.isEmpty()) {
            throw new InvalidLineException("messages must not be empty");
        }
        List<ChatMessage> messages = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            messages.add(message(array.get(i), "messages[" + i + "]"));
        }
        if (messages.get(messages.size() - 1).role().equals("assistant")) {
            messages.remove(messages.size() - 1);
        }
        if (messages.isEmpty() || !messages.get(messages.size() - 1).role().equals("user")) {
            throw new InvalidLineException("messages must end with a user message (a final assistant answer is dropped)");
        }
        return messages;
    }

    private static ChatMessage message(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new InvalidLineException(path + " must be an object");
        }
        JsonNode role = node.get("role");
        if (role == null || !role.isTextual() || !ROLES.contains(role.textValue())) {
            throw new InvalidLineException(path + ".role must be system, user or assistant");
        }
        JsonNode content = field(node, "content");
        if (content == null) {
            throw new InvalidLineException(path + ".content is missing");
        }
        return new ChatMessage(role.textValue(), content(content, path + ".content"));
    }

    private static String content(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw new InvalidLineException(path + " must be a string");
        }
        String text = node.textValue();
        if (text.isBlank()) {
            throw new InvalidLineException(path + " must not be blank");
        }
        if (text.length() > MAX_CONTENT_CHARS) {
            throw new InvalidLineException(path + " is longer than " + MAX_CONTENT_CHARS + " characters");
        }
        return text;
    }

    private static Reference reference(JsonNode root) {
        JsonNode reference = field(root, "reference");
        JsonNode verifierNode = field(root, "verifier");
        if (reference == null) {
            if (verifierNode != null) {
                throw new InvalidLineException("\"verifier\" is given without a \"reference\"");
            }
            return null;
        }
        if (!reference.isNumber() && !reference.isTextual()) {
            throw new InvalidLineException("reference must be a string or a number");
        }
        String answer = reference.isNumber() ? reference.asText() : content(reference, "reference");
        String verifier = verifier(verifierNode);
        if (verifier.equals("regex")) {
            try {
                Pattern.compile(answer);
            } catch (PatternSyntaxException e) {
                throw new InvalidLineException("reference is not a valid regex: " + e.getDescription());
            }
        }
        return new Reference(answer, verifier);
    }

    private static String verifier(JsonNode node) {
        if (node == null) {
            return DEFAULT_VERIFIER;
        }
        if (!node.isTextual() || !VERIFIERS.contains(node.textValue())) {
            throw new InvalidLineException("verifier must be one of " + String.join(", ", VERIFIERS));
        }
        return node.textValue();
    }

    private static String skill(JsonNode root) {
        JsonNode skill = field(root, "skill");
        if (skill == null) {
            return null;
        }
        if (!skill.isTextual() || skill.textValue().isBlank()) {
            throw new InvalidLineException("skill must be a non-blank string");
        }
        if (skill.textValue().length() > MAX_SKILL_CHARS) {
            throw new InvalidLineException("skill is longer than " + MAX_SKILL_CHARS + " characters");
        }
        return skill.textValue();
    }
}
