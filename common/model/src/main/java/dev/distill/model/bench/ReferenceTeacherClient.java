package dev.distill.model.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.distill.events.TokenLogprob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The reference teacher over its OpenAI-compatible HTTP API: either one already running, or its built jar started
 * on a free port for the length of a run. Asks with {@code logprobs} and {@code top_logprobs} and maps the reply's
 * {@code choices[0].logprobs.content} to {@link TokenLogprob} the way the teacher gateway does, so the tokens are
 * what a curated sample carries.
 */
final class ReferenceTeacherClient implements AutoCloseable {

    /** The teacher's answer text and its scored tokens. */
    record Reply(String content, List<TokenLogprob> tokens) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final URI base;
    private final String model;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    private ReferenceTeacherClient(URI base, Process process) {
        this.base = base;
        this.process = process;
        this.model = servedModel();
    }

    /** A teacher already listening at {@code base} (e.g. http://localhost:8090). */
    static ReferenceTeacherClient at(URI base) {
        return new ReferenceTeacherClient(base, null);
    }

    /** Starts the teacher's jar (serving {@code version}) on a free port; its output goes to {@code log}. */
    static ReferenceTeacherClient start(Path jar, String version, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no reference teacher jar at " + jar
                    + " (build it: ./mvnw -B -q -pl deploy/reference-teacher -am -DskipTests install)");
        }
        int port = freePort();
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-Dquarkus.http.port=" + port, "-Dteacher.version=" + version, "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            URI base = URI.create("http://127.0.0.1:" + port);
            try {
                awaitReady(base, p, log);
                return new ReferenceTeacherClient(base, p);
            } catch (RuntimeException e) {
                p.destroyForcibly();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String model() {
        return model;
    }

    /** One reply per prompt, in order; the requests run 8 at a time. */
    List<Reply> askAll(List<String> prompts, int topLogprobs) {
        List<Future<Reply>> futures = new ArrayList<>(prompts.size());
        for (String prompt : prompts) {
            futures.add(pool.submit(() -> ask(prompt, topLogprobs)));
        }
        List<Reply> out = new ArrayList<>(prompts.size());
        try {
            for (Future<Reply> f : futures) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the teacher", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("teacher request failed: " + e.getCause(), e.getCause());
        }
        return out;
    }

    Reply ask(String prompt, int topLogprobs) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        if (topLogprobs > 0) {
            body.put("logprobs", true).put("top_logprobs", topLogprobs);
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("teacher answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode choice = JSON.readTree(response.body()).path("choices").path(0);
        return new Reply(choice.path("message").path("content").asText(), tokens(choice.path("logprobs")));
    }

    /** {@code logprobs.content[*]} as the gateway maps it: a missing token text is "", missing alternatives none. */
    static List<TokenLogprob> tokens(JsonNode logprobs) {
        List<TokenLogprob> out = new ArrayList<>();
        for (JsonNode t : logprobs.path("content")) {
            List<TokenLogprob.Alternative> top = new ArrayList<>();
            for (JsonNode a : t.path("top_logprobs")) {
                top.add(new TokenLogprob.Alternative(a.path("token").asText(""), a.path("logprob").asDouble()));
            }
            out.add(new TokenLogprob(t.path("token").asText(""), t.path("logprob").asDouble(), top));
        }
        return out;
    }

    private String servedModel() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/v1/models")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String id = JSON.readTree(r.body()).path("data").path(0).path("id").asText("");
            if (r.statusCode() != 200 || id.isEmpty()) {
                throw new IllegalStateException("no model listed at " + base + "/v1/models: " + r.body());
            }
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the reference teacher at " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitReady(URI base, Process p, Path log) {
        HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the reference teacher exited with " + p.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = probe.send(HttpRequest.newBuilder(base.resolve("/v1/models")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (ConnectException e) {
                // not listening yet
            } catch (IOException e) {
                // starting up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the reference teacher was not ready within " + STARTUP + "; see " + log);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
