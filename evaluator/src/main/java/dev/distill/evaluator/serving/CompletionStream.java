package dev.distill.evaluator.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A streamed answer in OpenAI's server-sent events: a {@code chat.completion.chunk} with the assistant role, one per
 * piece of text as the student generates it, one with the finish reason, one with the usage if the request asked,
 * then {@code [DONE]}. It holds its lease until the stream ends, so a promotion meanwhile retires the model only
 * afterwards; a reader that goes away stops the generation and releases it. An error once the stream has begun can
 * no longer change the status, so it is sent as an event carrying OpenAI's error body, and the stream ends without
 * {@code [DONE]}.
 */
public final class CompletionStream implements StreamingOutput {

    private static final Logger LOG = Logger.getLogger(CompletionStream.class);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    /** Where a stream's chunks come from: its id, creation time and the model name clients sent. */
    public record Origin(String id, long created, String model) {
    }

    record Chunk(String id, String object, long created, String model,
            @JsonProperty("system_fingerprint") String systemFingerprint, List<ChunkChoice> choices,
            @JsonInclude(JsonInclude.Include.NON_NULL) TokenUsage usage) {
    }

    record ChunkChoice(int index, Delta delta, @JsonInclude(JsonInclude.Include.ALWAYS) Object logprobs,
            @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("finish_reason") String finishReason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delta(String role, String content) {
    }

    private final ChampionHolder.Lease lease;
    private final ChatRequest request;
    private final int maxTokens;
    private final long seed;
    private final Origin origin;
    private final ObjectMapper mapper;
    private final ServingMetrics metrics;
    private final long started;

    public CompletionStream(ChampionHolder.Lease lease, ChatRequest request, int maxTokens, long seed, Origin origin,
            ObjectMapper mapper, ServingMetrics metrics, long started) {
        this.lease = lease;
        this.request = request;
        this.maxTokens = maxTokens;
        this.seed = seed;
        this.origin = origin;
        this.mapper = mapper;
        this.metrics = metrics;
        this.started = started;
    }

    @Override
    public void write(OutputStream out) {
        try (lease) {
            metrics.request(stream(out));
        }
    }

    /** Streams the answer; the outcome for the request counter. */
    private String stream(OutputStream out) {
        ServedModel model = lease.model();
        if (!send(out, chunk(new Delta("assistant", ""), null))) {
            return "disconnected";
        }
        boolean[] firstPiece = {true};
        ServedModel.Completion completion;
        try {
            completion = model.stream(request.turns(), maxTokens, request.temperature(), seed, delta -> {
                if (firstPiece[0]) {
                    firstPiece[0] = false;
                    metrics.firstToken(System.nanoTime() - started);
                }
                return send(out, chunk(new Delta(null, delta), null));
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "streamed completion on %s failed", model.checkpointId());
            OpenAiException failure = OpenAiException.failed("the student failed to generate: " + e.getMessage());
            send(out, failure.response().getEntity());
            return "error";
        }
        if (completion.finishReason() == null
                || !send(out, chunk(new Delta(null, null), completion.finishReason()))
                || request.includeUsage() && !send(out, new Chunk(origin.id(), "chat.completion.chunk",
                        origin.created(), origin.model(), model.checkpointId(), List.of(),
                        TokenUsage.of(completion)))
                || !write(out, DONE)) {
            LOG.debugf("the reader of %s went away; generation stopped", origin.id());
            return "disconnected";
        }
        metrics.completed(System.nanoTime() - started);
        return "ok";
    }

    private Chunk chunk(Delta delta, String finishReason) {
        return new Chunk(origin.id(), "chat.completion.chunk", origin.created(), origin.model(),
                lease.model().checkpointId(), List.of(new ChunkChoice(0, delta, null, finishReason)), null);
    }

    /** One event, flushed at once so the reader sees each piece as it is generated; false if the reader is gone. */
    private boolean send(OutputStream out, Object event) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a chunk as JSON", e);
        }
        byte[] frame = new byte[json.length + 8];
        System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, frame, 0, 6);
        System.arraycopy(json, 0, frame, 6, json.length);
        frame[frame.length - 2] = '\n';
        frame[frame.length - 1] = '\n';
        return write(out, frame);
    }

    private static boolean write(OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException | RuntimeException e) {
            // the connection is closed: the reader went away
            return false;
        }
    }
}
