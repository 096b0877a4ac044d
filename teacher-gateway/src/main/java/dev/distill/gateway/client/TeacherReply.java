package dev.distill.gateway.client;

/** A successful teacher answer, with the latency of the attempt that produced it and how many attempts it took. */
public record TeacherReply(ChatCompletionResponse body, long latencyMs, int attempts) {

    public TeacherReply withAttempts(int n) {
        return new TeacherReply(body, latencyMs, n);
    }
}
