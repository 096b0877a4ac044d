package dev.distill.gateway.client;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One OpenAI-compatible server, called without blocking a thread. One attempt per {@link #send}; retries, limits and
 * the circuit breaker are the caller's. The connection pool is as large as the number of calls allowed in flight.
 * The API key is only ever placed in the Authorization header, and is masked in any text taken from a response body
 * (servers like to echo a bad key back).
 */
public final class TeacherEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final int MAX_BODY_IN_MESSAGE = 200;

    private final WebClient client;
    private final String url;
    private final Map<String, String> headers;
    private final String apiKey;
    private final long timeoutMs;

    public TeacherEndpoint(Vertx vertx, String baseUrl, Map<String, String> headers, String apiKey, Duration timeout,
            int poolSize) {
        URI base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        this.url = base + "/v1/chat/completions";
        this.headers = Map.copyOf(headers);
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.timeoutMs = timeout.toMillis();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setMaxPoolSize(Math.max(1, poolSize))
                .setKeepAlive(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs))
                .setUserAgent("distill-teacher-gateway"));
    }

    /** One HTTP call: the parsed answer, or a failed Uni holding a {@link TeacherCallException}. */
    public Uni<TeacherReply> send(ChatCompletionRequest request) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(request);
        } catch (JacksonException e) {
            return Uni.createFrom().failure(new TeacherCallException(TeacherCallException.Kind.INVALID_RESPONSE, 0,
                    "cannot write request: " + e.getOriginalMessage(), null, null));
        }
        var http = client.postAbs(url).timeout(timeoutMs)
                .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json")
                .putHeader(HttpHeaders.ACCEPT.toString(), "application/json");
        headers.forEach(http::putHeader);
        if (apiKey != null) {
            http.putHeader(HttpHeaders.AUTHORIZATION.toString(), "Bearer " + apiKey);
        }
        long started = System.nanoTime();
        return Uni.createFrom().completionStage(() -> http.sendBuffer(Buffer.buffer(body)).toCompletionStage())
                .onFailure().transform(this::classify)
                .onItem().transform(response -> read(response, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
    }

    private TeacherReply read(HttpResponse<Buffer> response, long latencyMs) {
        int status = response.statusCode();
        if (status == 429) {
            throw new TeacherCallException(TeacherCallException.Kind.THROTTLED, status, "HTTP 429" + snippet(response),
                    retryAfter(response.getHeader("Retry-After")), null);
        }
        if (status >= 300) {
            throw new TeacherCallException(TeacherCallException.Kind.HTTP_ERROR, status, "HTTP " + status + snippet(response),
                    status == 503 ? retryAfter(response.getHeader("Retry-After")) : null, null);
        }
        ChatCompletionResponse parsed;
        try {
            parsed = response.body() == null ? null : JSON.readValue(response.body().getBytes(), ChatCompletionResponse.class);
        } catch (java.io.IOException e) {
            throw new TeacherCallException(TeacherCallException.Kind.INVALID_RESPONSE, status,
                    "unparseable response body: " + mask(firstLine(e.getMessage())), null, null);
        }
        if (parsed == null || parsed.choices() == null || parsed.choices().isEmpty() || parsed.choices().get(0) == null) {
            throw new TeacherCallException(TeacherCallException.Kind.INVALID_RESPONSE, status, "response has no choices",
                    null, null);
        }
        return new TeacherReply(parsed, latencyMs);
    }

    private TeacherCallException classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.util.concurrent.TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
                return new TeacherCallException(TeacherCallException.Kind.TIMEOUT, 0,
                        "timed out after " + timeoutMs + " ms", null, null);
            }
            if (cause instanceof ConnectException) {
                return new TeacherCallException(TeacherCallException.Kind.CONNECTION, 0,
                        "cannot connect: " + mask(firstLine(cause.getMessage())), null, null);
            }
        }
        return new TeacherCallException(TeacherCallException.Kind.CONNECTION, 0,
                failure.getClass().getSimpleName() + ": " + mask(firstLine(failure.getMessage())), null, null);
    }

    /** {@code Retry-After} as seconds or an HTTP date; absent or unreadable gives null. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis((long) (Double.parseDouble(header.trim()) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(java.time.Instant.now(),
                        ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (java.time.format.DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private String snippet(HttpResponse<Buffer> response) {
        String body = response.bodyAsString();
        if (body == null || body.isBlank()) {
            return "";
        }
        body = body.strip();
        return ": " + mask(body.length() > MAX_BODY_IN_MESSAGE ? body.substring(0, MAX_BODY_IN_MESSAGE) + "..." : body);
    }

    private String mask(String text) {
        return apiKey == null || text == null ? text : text.replace(apiKey, "***");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "TeacherEndpoint[" + url + "]"; // never the key
    }
}
