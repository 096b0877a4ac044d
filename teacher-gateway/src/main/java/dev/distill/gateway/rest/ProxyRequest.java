package dev.distill.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.distill.events.ChatMessage;
import dev.distill.gateway.client.ChatCompletionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An OpenAI chat-completions request as applications send it, reduced to what the gateway forwards. Message content
 * may be a string or a list of text parts; streaming, several choices and tools are refused with a clear 400
 * rather than half-supported.
 */
record ProxyRequest(String model, List<ChatMessage> messages, ChatCompletionRequest request) {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant");

    static ProxyRequest parse(JsonNode body, int defaultMaxTokens) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        if (body.path("stream").asBoolean(false)) {
            throw new IllegalArgumentException("stream: true is not supported by the gateway; send stream: false");
        }
        if (body.path("n").asInt(1) != 1) {
            throw new IllegalArgumentException("n must be 1");
        }
        if (body.hasNonNull("tools") || body.hasNonNull("functions")) {
            throw new IllegalArgumentException("tools and functions are not supported by the gateway");
        }
        JsonNode messagesNode = body.path("messages");
        if (!messagesNode.isArray() || messagesNode.isEmpty()) {
            throw new IllegalArgumentException("messages must be a non-empty array");
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode m : messagesNode) {
            String role = m.path("role").asText("");
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("message role must be system, developer, user or assistant, was '" + role + "'");
            }
            messages.add(new ChatMessage(role, content(m.path("content"))));
        }
        int maxTokens = body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens").asInt()
                : body.hasNonNull("max_tokens") ? body.get("max_tokens").asInt() : defaultMaxTokens;
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("max_tokens must be positive");
        }
        boolean logprobs = body.path("logprobs").asBoolean(false);
        int top = body.path("top_logprobs").asInt(0);
        if (top < 0 || top > 20) {
            throw new IllegalArgumentException("top_logprobs must be in 0..20");
        }
        Double temperature = body.hasNonNull("temperature") ? body.get("temperature").asDouble() : null;
        Integer seed = body.hasNonNull("seed") ? body.get("seed").asInt() : null;
        String model = body.hasNonNull("model") ? body.get("model").asText() : null;
        ChatCompletionRequest request = new ChatCompletionRequest(model,
                messages.stream().map(m -> new ChatCompletionRequest.Message(m.role(), m.content())).toList(),
                temperature, maxTokens, logprobs ? Boolean.TRUE : null, logprobs && top > 0 ? top : null, seed);
        return new ProxyRequest(model, messages, request);
    }

    private static String content(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (!"text".equals(part.path("type").asText())) {
                    throw new IllegalArgumentException("only text content parts are supported");
                }
                text.append(part.path("text").asText());
            }
            return text.toString();
        }
        throw new IllegalArgumentException("message content must be a string or a list of text parts");
    }
}
