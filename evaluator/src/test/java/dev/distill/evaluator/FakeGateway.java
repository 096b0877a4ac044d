package dev.distill.evaluator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server standing in for the teacher gateway's OpenAI proxy: {@code POST /v1/chat/completions} answers
 * each prompt to the teacher {@code fake} with the completion the test scripted for it (or one without an answer), in
 * the OpenAI shape, saying which teacher version answered in {@code x-distill-teacher} as the gateway does; any other
 * teacher is unknown (404), so the other test classes' checkpoints (teacher {@code reference}) get no baseline. It
 * serves every test class of the module: one application configuration for all, as the shared in-process broker of
 * DistillTestResource needs.
 */
public class FakeGateway implements QuarkusTestResourceLifecycleManager {

    /** The scripted completion by prompt text. */
    static final Map<String, String> ANSWERS = new ConcurrentHashMap<>();
    /** The {@code model} of every request, in arrival order. */
    static final List<String> MODELS = new CopyOnWriteArrayList<>();
    static volatile String answeringVersion = "fake@v1";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/chat/completions", FakeGateway::complete);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return Map.of("distill.evaluator.teacher.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void complete(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = MAPPER.readTree(exchange.getRequestBody());
            if (!"fake".equals(request.path("model").asText())) {
                byte[] error = "{\"error\":{\"message\":\"unknown teacher\",\"type\":\"invalid_request_error\"}}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            MODELS.add(request.path("model").asText());
            String prompt = request.path("messages").path(0).path("content").asText();
            ObjectNode response = MAPPER.createObjectNode().put("id", "chatcmpl-fake").put("object", "chat.completion")
                    .put("model", request.path("model").asText());
            ObjectNode choice = response.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant")
                    .put("content", ANSWERS.getOrDefault(prompt, "I cannot say."));
            byte[] body = MAPPER.writeValueAsBytes(response);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.getResponseHeaders().add("x-distill-teacher", answeringVersion);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
