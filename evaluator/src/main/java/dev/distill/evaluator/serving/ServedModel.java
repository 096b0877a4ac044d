package dev.distill.evaluator.serving;

import dev.distill.model.ChatTurn;
import dev.distill.model.Student;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loaded champion checkpoint, shared by the requests that use it. It is reference counted: the holder owns one
 * reference until it swaps in a successor, each request one while it generates (a streamed one until its stream ends);
 * the student is closed when the last is released, so a swap never closes a model under a request. A Student is not
 * thread-safe, so the completions of one model take turns.
 */
public final class ServedModel {

    /**
     * One completion. Tokens are the student's own: it is byte-level, so a completion's tokens are the bytes it
     * generated (its UTF-8 text's bytes when that is valid UTF-8). The finish reason is {@code stop} when the student
     * ended its answer, {@code length} when the budget cut it off, and null when the reader stopped it.
     */
    public record Completion(String text, int promptTokens, int completionTokens, String finishReason) {
    }

    /** Receives the answer's text piece by piece as it is generated; false stops the generation. */
    @FunctionalInterface
    public interface TextSink {
        boolean accept(String delta);
    }

    private final String checkpointId;
    private final Student student;
    private final AtomicInteger references = new AtomicInteger(1);

    ServedModel(String checkpointId, Student student) {
        this.checkpointId = checkpointId;
        this.student = student;
    }

    public String checkpointId() {
        return checkpointId;
    }

    /** A reference for one request; false once the model is closed. */
    boolean tryAcquire() {
        while (true) {
            int now = references.get();
            if (now == 0) {
                return false;
            }
            if (references.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void release() {
        if (references.decrementAndGet() == 0) {
            student.close();
        }
    }

    public boolean closed() {
        return references.get() == 0;
    }

    /** Generates up to {@code maxTokens} tokens in one piece; temperature 0 is greedy. */
    public Completion complete(List<ChatTurn> turns, int maxTokens, double temperature, long seed) {
        return stream(turns, maxTokens, temperature, seed, delta -> true);
    }

    /**
     * Generates up to {@code maxTokens} tokens, handing the text to {@code sink} as each token is chosen (empty pieces
     * are not handed over: a character split over tokens waits for its last byte). The pieces add up to the returned
     * text unless the sink stopped the generation. The sink runs while this model is held, so a slow one delays the
     * model's other requests.
     */
    public Completion stream(List<ChatTurn> turns, int maxTokens, double temperature, long seed, TextSink sink) {
        int promptTokens = student.tokenizer().encodePrompt(turns).length;
        Utf8Deltas deltas = new Utf8Deltas();
        boolean[] stopped = {false};
        int[] tokens;
        synchronized (this) {
            tokens = student.stream(turns, maxTokens, temperature, 0, seed, token -> {
                String delta = deltas.push(token);
                stopped[0] = !delta.isEmpty() && !sink.accept(delta);
                return !stopped[0];
            });
        }
        String rest = deltas.finish();
        if (!stopped[0] && !rest.isEmpty()) {
            stopped[0] = !sink.accept(rest);
        }
        String finishReason = stopped[0] ? null : tokens.length >= maxTokens ? "length" : "stop";
        return new Completion(student.tokenizer().decode(tokens), promptTokens, tokens.length, finishReason);
    }
}
