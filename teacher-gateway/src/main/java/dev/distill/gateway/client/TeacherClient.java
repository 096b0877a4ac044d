package dev.distill.gateway.client;

import dev.distill.events.TeacherRef;
import dev.distill.gateway.config.TeacherConfig;
import dev.distill.gateway.service.TeacherMetrics;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Calls the configured OpenAI-compatible teacher, with a few simple retries on transient failures.
 * (Rate limits, backoff and circuit breaking are a later issue; this is deliberately the plain version.)
 */
@ApplicationScoped
public class TeacherClient {

    private static final Logger LOG = Logger.getLogger(TeacherClient.class);
    private static final int MAX_BODY_IN_MESSAGE = 200;

    private final TeacherConfig config;
    private final TeacherMetrics metrics;
    private final OpenAiChatApi api;

    public TeacherClient(TeacherConfig config, TeacherMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(config.baseUrl()))
                .connectTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        config.apiKey().filter(key -> !key.isBlank()).ifPresent(key -> builder.register(new BearerAuthFilter(key)));
        this.api = builder.build(OpenAiChatApi.class);
    }

    public TeacherRef teacher() {
        return config.ref();
    }

    /** The answer, or a {@link TeacherCallException} describing the last failure once attempts are used up. */
    public TeacherReply complete(ChatCompletionRequest request) {
        TeacherRef teacher = config.ref();
        int maxAttempts = Math.max(1, config.maxAttempts());
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            try {
                ChatCompletionResponse body = api.complete(request);
                long nanos = System.nanoTime() - started;
                validate(body);
                metrics.attempt(teacher, "ok", nanos);
                return new TeacherReply(body, TimeUnit.NANOSECONDS.toMillis(nanos), attempt);
            } catch (RuntimeException e) {
                TeacherCallException failure = classify(e);
                metrics.attempt(teacher, failure.kind().tag(), System.nanoTime() - started);
                if (attempt >= maxAttempts || !failure.retryable()) {
                    throw new TeacherCallException(failure.kind(), failure.status(), attempt, "teacher " + teacher.qualifiedVersion()
                            + " failed after " + attempt + " attempt(s): " + failure.getMessage(), failure.getCause());
                }
                LOG.debugf("teacher %s attempt %d failed (%s), retrying", teacher.qualifiedVersion(), attempt,
                        failure.getMessage());
                pause();
            }
        }
    }

    private static void validate(ChatCompletionResponse body) {
        if (body == null || body.choices() == null || body.choices().isEmpty() || body.choices().get(0) == null) {
            throw new TeacherCallException(TeacherCallException.Kind.INVALID_RESPONSE, 200,
                    "response has no choices", null);
        }
    }

    private void pause() {
        try {
            Thread.sleep(config.retryDelay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TeacherCallException(TeacherCallException.Kind.CONNECTION, 0, "interrupted while retrying", e);
        }
    }

    /** Maps whatever the REST client threw onto the few kinds of failure the gateway distinguishes. */
    static TeacherCallException classify(RuntimeException e) {
        if (e instanceof TeacherCallException known) {
            return known;
        }
        if (e instanceof WebApplicationException web && web.getResponse() != null) {
            int status = web.getResponse().getStatus();
            if (status < 400) { // the client could not read a success body into the response type
                return new TeacherCallException(TeacherCallException.Kind.INVALID_RESPONSE, status,
                        "unparseable response body (HTTP " + status + ")" + rootMessage(e), e);
            }
            return new TeacherCallException(TeacherCallException.Kind.HTTP_ERROR, status,
                    "HTTP " + status + bodySnippet(web), e);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
                return new TeacherCallException(TeacherCallException.Kind.TIMEOUT, 0, "timed out: " + cause.getMessage(), e);
            }
            if (cause instanceof ConnectException || cause.getClass().getName().startsWith("io.netty.channel")) {
                return new TeacherCallException(TeacherCallException.Kind.CONNECTION, 0,
                        "cannot connect: " + cause.getMessage(), e);
            }
            if (cause instanceof com.fasterxml.jackson.core.JacksonException) {
                return new TeacherCallException(TeacherCallException.Kind.INVALID_RESPONSE, 200,
                        "unparseable response body: " + firstLine(cause.getMessage()), e);
            }
        }
        return new TeacherCallException(TeacherCallException.Kind.CONNECTION, 0,
                e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()), e);
    }

    private static String bodySnippet(WebApplicationException e) {
        try {
            String body = e.getResponse().readEntity(String.class);
            if (body == null || body.isBlank()) {
                return "";
            }
            body = body.strip();
            return ": " + (body.length() > MAX_BODY_IN_MESSAGE ? body.substring(0, MAX_BODY_IN_MESSAGE) + "..." : body);
        } catch (RuntimeException unreadable) {
            return "";
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e || root.getMessage() == null ? "" : ": " + firstLine(root.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
