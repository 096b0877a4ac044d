package dev.distill.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server speaking the OpenAI chat-completions format on a loopback port, recording every request.
 * It answers {@code "3 + 4 = 7\n#### 7"}; markers in the last user message change that:
 * {@code [status-500]} answers 500, {@code [garbage]} answers a body that is not JSON, {@code [no-usage]} leaves
 * {@code usage} out, {@code [slow]} answers after 100 ms, {@code [throttle-once]} answers the first request 429 with
 * {@code Retry-After: 1}, {@code [hang]} answers after 3 s (past the test timeout), {@code [echo-key]} answers 401
 * quoting the Authorization header it got (as real servers do with a bad key). Logprobs are returned only when
 * requested, with as many alternatives as asked for.
 */
public final class FakeOpenAiTeacher implements AutoCloseable {

    public static final String COMPLETION = "3 + 4 = 7\n#### 7";
    private static final List<String> TOKENS = List.of("3", " +", " 4", " =", " 7", "\n", "####", " 7");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the teacher received. */
    public record Received(String authorization, String team, String body, JsonNode json, long atNanos) {
        public String lastUserMessage() {
            JsonNode messages = json.path("messages");
            return messages.get(messages.size() - 1).path("content").asText();
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public FakeOpenAiTeacher() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.start();
    }

    /** The most requests this teacher has been handling at the same moment. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    public void resetMaxInFlight() {
        maxInFlight.set(inFlight.get());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Requests whose last user message contains {@code marker}. */
    public List<Received> receivedWith(String marker) {
        return received.stream().filter(r -> r.lastUserMessage().contains(marker)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            answer(exchange);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode request = JSON.readTree(body);
        Received got = new Received(exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("x-team"), body, request, System.nanoTime());
        received.add(got);
        String user = got.lastUserMessage();
        if (user.contains("[slow]")) {
            sleep(100);
        }
        if (user.contains("[hang]")) {
            sleep(3000);
        }
        if (user.contains("[throttle-once]") && receivedWith(user).size() == 1) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            respond(exchange, 429, "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}");
        } else if (user.contains("[echo-key]")) {
            respond(exchange, 401, "{\"error\":{\"message\":\"Incorrect API key provided: " + got.authorization() + "\"}}");
        } else if (user.contains("[status-500]")) {
            respond(exchange, 500, "{\"error\":{\"message\":\"teacher exploded\"}}");
        } else if (user.contains("[garbage]")) {
            respond(exchange, 200, "<html>not json</html>");
        } else {
            respond(exchange, 200, JSON.writeValueAsString(answer(request, !user.contains("[no-usage]"))));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ObjectNode answer(JsonNode request, boolean withUsage) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-fake");
        root.put("object", "chat.completion");
        root.put("model", request.path("model").asText());
        root.put("system_fingerprint", "fp_fake"); // an extra field the gateway must ignore
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", COMPLETION);
        choice.put("finish_reason", "stop");
        if (request.path("logprobs").asBoolean(false)) {
            int k = request.path("top_logprobs").asInt(0);
            ArrayNode content = choice.putObject("logprobs").putArray("content");
            for (int i = 0; i < TOKENS.size(); i++) {
                ObjectNode token = content.addObject();
                token.put("token", TOKENS.get(i));
                token.put("logprob", -0.01 * (i + 1));
                token.putArray("bytes").add(32); // extra field
                ArrayNode top = token.putArray("top_logprobs");
                for (int j = 0; j < k; j++) {
                    top.addObject().put("token", j == 0 ? TOKENS.get(i) : "alt" + j).put("logprob", -0.01 * (i + 1) - j);
                }
            }
        } else {
            choice.putNull("logprobs");
        }
        if (withUsage) {
            root.putObject("usage").put("prompt_tokens", 12).put("completion_tokens", 8).put("total_tokens", 20);
        }
        return root;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
