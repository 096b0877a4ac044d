package dev.distill.evaluator.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distill.model.ChatTurn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An OpenAI chat-completions request, reduced to what a student can honour: the turns, a token limit, a temperature
 * (0, the default, is greedy decoding as the evaluator scores), a seed, and whether to stream the answer (and then
 * whether to end the stream with a usage chunk). What cannot be honoured (several choices, tools) is refused with a 400
 * naming the parameter rather than silently ignored.
 */
public record ChatRequest(Optional<String> model, List<ChatTurn> turns, Optional<Integer> maxTokens,
        double temperature, Optional<Long> seed, boolean stream, boolean includeUsage) {

    /** A request answered in one JSON body. */
    public ChatRequest(Optional<String> model, List<ChatTurn> turns, Optional<Integer> maxTokens, double temperature,
            Optional<Long> seed) {
        this(model, turns, maxTokens, temperature, seed, false, false);
    }

    public static ChatRequest parse(ObjectMapper mapper, String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw OpenAiException.invalid(null, "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw OpenAiException.invalid(null, "the body must be a JSON object");
        }
        boolean stream = flag(root, "stream");
        boolean includeUsage = includeUsage(root, stream);
        if (root.hasNonNull("n") && !(root.get("n").isIntegralNumber() && root.get("n").asInt() == 1)) {
            throw OpenAiException.invalid("n", "n must be 1");
        }
        for (String unsupported : List.of("tools", "functions")) {
            if (root.hasNonNull(unsupported)) {
                throw OpenAiException.invalid(unsupported, unsupported + " are not supported by a student");
            }
        }
        Optional<String> model = Optional.ofNullable(root.get("model")).filter(m -> !m.isNull()).map(m -> {
            if (!m.isTextual()) {
                throw OpenAiException.invalid("model", "model must be a string");
            }
            return m.asText();
        });
        return new ChatRequest(model, turns(root.path("messages")), maxTokens(root), temperature(root), seed(root),
                stream, includeUsage);
    }

    private static boolean flag(JsonNode root, String name) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw OpenAiException.invalid(name, name + " must be true or false");
        }
        return value.asBoolean();
    }

    /** {@code stream_options.include_usage}; as OpenAI does, stream_options is refused unless the request streams. */
    private static boolean includeUsage(JsonNode root, boolean stream) {
        JsonNode options = root.get("stream_options");
        if (options == null || options.isNull()) {
            return false;
        }
        if (!stream) {
            throw OpenAiException.invalid("stream_options", "stream_options is only allowed when stream is true");
        }
        if (!options.isObject()) {
            throw OpenAiException.invalid("stream_options", "stream_options must be an object");
        }
        JsonNode include = options.get("include_usage");
        if (include != null && !include.isNull() && !include.isBoolean()) {
            throw OpenAiException.invalid("stream_options.include_usage", "include_usage must be true or false");
        }
        return include != null && include.asBoolean(false);
    }

    private static List<ChatTurn> turns(JsonNode messages) {
        if (!messages.isArray() || messages.isEmpty()) {
            throw OpenAiException.invalid("messages", "messages must be a non-empty array");
        }
        List<ChatTurn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String param = "messages[" + i + "]";
            if (!message.isObject()) {
                throw OpenAiException.invalid(param, param + " must be an object");
            }
            String role = message.path("role").asText("");
            // newer OpenAI clients send "developer" where older ones sent "system"
            String turnRole = "developer".equals(role) ? "system" : role;
            if (!ChatTurn.ROLES.contains(turnRole)) {
                throw OpenAiException.invalid(param + ".role",
                        "role must be system, developer, user or assistant, was '" + role + "'");
            }
            String content = content(message.path("content"), param + ".content");
            if (content.isEmpty()) {
                throw OpenAiException.invalid(param + ".content", param + ".content must not be empty");
            }
            turns.add(new ChatTurn(turnRole, content));
        }
        return turns;
    }

    /** A string, or a list of text parts (as OpenAI accepts). */
    private static String content(JsonNode content, String param) {
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                    throw OpenAiException.invalid(param, "only text content parts are supported");
                }
                text.append(part.get("text").asText());
            }
            return text.toString();
        }
        throw OpenAiException.invalid(param, param + " must be a string or a list of text parts");
    }

    private static Optional<Integer> maxTokens(JsonNode root) {
        String name = root.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() <= 0) {
            throw OpenAiException.invalid(name, name + " must be a positive integer");
        }
        return Optional.of(value.asInt());
    }

    private static double temperature(JsonNode root) {
        JsonNode value = root.get("temperature");
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 2) {
            throw OpenAiException.invalid("temperature", "temperature must be a number in 0..2");
        }
        return value.asDouble();
    }

    private static Optional<Long> seed(JsonNode root) {
        JsonNode value = root.get("seed");
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw OpenAiException.invalid("seed", "seed must be an integer");
        }
        return Optional.of(value.asLong());
    }
}
