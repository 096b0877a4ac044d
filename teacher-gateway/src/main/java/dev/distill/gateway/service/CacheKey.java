package dev.distill.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distill.events.TeacherRef;
import dev.distill.gateway.client.ChatCompletionRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The response cache's key: SHA-256 over the teacher, its version and everything the teacher sees (model, messages,
 * temperature, max_tokens, logprobs, top_logprobs, seed). Two requests with the same key get the same answer, and
 * the teacher is paid once.
 */
public final class CacheKey {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CacheKey() {
    }

    public static String of(TeacherRef teacher, ChatCompletionRequest request) {
        try {
            byte[] body = JSON.writeValueAsBytes(request.withModel(teacher.model()));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((teacher.name() + "\n" + teacher.version() + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(body));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
