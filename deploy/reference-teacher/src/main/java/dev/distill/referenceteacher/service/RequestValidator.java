package dev.distill.referenceteacher.service;

import dev.distill.referenceteacher.config.TeacherIdentity;
import dev.distill.referenceteacher.domain.ChatCompletionRequest;
import java.util.List;
import java.util.Set;

/** The checks the OpenAI API applies to the fields this teacher reads, with the same {@code param} naming. */
public final class RequestValidator {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    private RequestValidator() {
    }

    public static void validate(ChatCompletionRequest request, TeacherIdentity identity) {
        if (request == null) {
            throw new InvalidRequestException("You must provide a JSON body with 'messages'.", null);
        }
        if (!identity.serves(request.model())) {
            throw new InvalidRequestException(404, "The model '" + request.model() + "' does not exist; this server "
                    + "serves '" + identity.servedModelId() + "'.", "model", "model_not_found");
        }
        if (Boolean.TRUE.equals(request.stream())) {
            throw new InvalidRequestException("Streaming is not supported by the reference teacher; set 'stream' to false.", "stream");
        }
        List<ChatCompletionRequest.ChatMessage> messages = request.messages();
        if (messages == null || messages.isEmpty()) {
            throw new InvalidRequestException("'messages' is a required property and must not be empty.", "messages");
        }
        for (int i = 0; i < messages.size(); i++) {
            ChatCompletionRequest.ChatMessage message = messages.get(i);
            if (message == null || message.role() == null || !ROLES.contains(message.role())) {
                throw new InvalidRequestException("messages[" + i + "].role must be one of " + ROLES + ".", "messages[" + i + "].role");
            }
            if (message.content() == null) {
                throw new InvalidRequestException("messages[" + i + "].content is required.", "messages[" + i + "].content");
            }
        }
        if (messages.stream().noneMatch(m -> "user".equals(m.role()))) {
            throw new InvalidRequestException("'messages' must contain a user message.", "messages");
        }
        if (request.n() != null && request.n() != 1) {
            throw new InvalidRequestException("n=" + request.n() + " is not supported: the reference teacher returns exactly one choice (n=1).", "n");
        }
        if (request.temperature() != null && (request.temperature() < 0 || request.temperature() > 2)) {
            throw new InvalidRequestException("temperature must be between 0 and 2, was " + request.temperature() + ".", "temperature");
        }
        Integer limit = request.tokenLimit();
        if (limit != null && limit < 1) {
            String param = request.maxCompletionTokens() != null ? "max_completion_tokens" : "max_tokens";
            throw new InvalidRequestException(param + " must be at least 1, was " + limit + ".", param);
        }
        Integer top = request.topLogprobs();
        if (top != null) {
            if (top < 0 || top > LogprobModel.MAX_TOP) {
                throw new InvalidRequestException("top_logprobs must be between 0 and " + LogprobModel.MAX_TOP + ", was " + top + ".", "top_logprobs");
            }
            if (top > 0 && !Boolean.TRUE.equals(request.logprobs())) {
                throw new InvalidRequestException("logprobs must be true when top_logprobs is used.", "top_logprobs");
            }
        }
    }
}
