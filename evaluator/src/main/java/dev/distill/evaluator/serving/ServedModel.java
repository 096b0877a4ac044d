package dev.distill.evaluator.serving;

import dev.distill.model.ChatTurn;
import dev.distill.model.Student;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loaded champion checkpoint, shared by the requests that use it. It is reference counted: the holder owns one
 * reference until it swaps in a successor, each request one while it generates; the student is closed when the last
 * is released, so a swap never closes a model under a request. A Student is not thread-safe, so the completions of one
 * model take turns.
 */
public final class ServedModel {

    /** One completion; tokens are bytes (the student's tokenizer is byte-level). */
    public record Completion(String text, int promptTokens, int completionTokens, String finishReason) {
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

    /**
     * Generates up to {@code maxTokens} tokens; temperature 0 is greedy. The student's API returns text, not tokens:
     * the completion's tokens are counted as its UTF-8 bytes, exact for valid UTF-8 and capped at the budget (a byte
     * sequence that is not UTF-8 decodes to U+FFFD, three bytes), and a completion that used the whole budget is
     * reported as cut off ({@code length}).
     */
    public Completion complete(List<ChatTurn> turns, int maxTokens, double temperature, long seed) {
        int promptTokens = student.tokenizer().encodePrompt(turns).length;
        String text;
        synchronized (this) {
            text = student.generate(List.of(turns), maxTokens, temperature, 0, seed).get(0);
        }
        int completionTokens = Math.min(maxTokens, text.getBytes(StandardCharsets.UTF_8).length);
        return new Completion(text, promptTokens, completionTokens, completionTokens >= maxTokens ? "length" : "stop");
    }
}
