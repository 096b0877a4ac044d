package dev.distill.evaluator.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks the teacher one prompt through the gateway's OpenAI-compatible proxy ({@code POST <base>/v1/chat/completions}):
 * greedy, one user message, so the answers are the gateway's cached ones when asked again. The gateway routes by
 * teacher name ({@code model}) and says which version answered in {@code x-distill-teacher}.
 */
public class GatewayChatClient {

    public static final String TEACHER_HEADER = "x-distill-teacher";

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http;
    private final URI completions;
    private final Duration timeout;
    private final int maxTokens;

    public GatewayChatClient(URI base, Duration timeout, int maxTokens) {
        String root = base.toString().replaceAll("/+$", "");
        this.completions = URI.create(root + "/v1/chat/completions");
        this.timeout = timeout;
        this.maxTokens = maxTokens;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Throws TeacherCallException when the gateway answers with an error or something that is not a completion. */
    public TeacherAnswer ask(String model, String prompt) throws InterruptedException {
        ObjectNode body = mapper.createObjectNode();
        body.put("model", model);
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        body.put("temperature", 0);
        body.put("max_tokens", maxTokens);
        HttpRequest request = HttpRequest.newBuilder(completions).timeout(timeout)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TeacherCallException(completions + " failed: " + e);
        }
        if (response.statusCode() != 200) {
            throw new TeacherCallException(completions + " answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        JsonNode content;
        try {
            content = mapper.readTree(response.body()).path("choices").path(0).path("message").path("content");
        } catch (IOException e) {
            throw new TeacherCallException(completions + " answered with invalid JSON: " + e.getMessage());
        }
        if (!content.isTextual()) {
            throw new TeacherCallException(completions + " answered without choices[0].message.content");
        }
        return new TeacherAnswer(content.textValue(), response.headers().firstValue(TEACHER_HEADER).orElse(null));
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
