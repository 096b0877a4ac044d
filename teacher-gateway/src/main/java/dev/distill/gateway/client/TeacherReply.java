package dev.distill.gateway.client;

/** A successful teacher answer and the latency of the attempt that produced it. */
public record TeacherReply(ChatCompletionResponse body, long latencyMs) {
}
