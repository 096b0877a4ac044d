package dev.distill.evaluator.client;

/** A teacher's completion, and which version answered (the gateway's {@code x-distill-teacher}; null if not said). */
public record TeacherAnswer(String completion, String answeredBy) {
}
