package dev.distill.curator;

import dev.distill.events.ChatMessage;
import dev.distill.events.Reference;
import dev.distill.events.TeacherRef;
import dev.distill.events.TeacherResponseEvent;
import dev.distill.events.TokenLogprob;
import dev.distill.events.Usage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Teacher responses to feed the curator: questions whose answer is 7 ("What is 3 + 4?", "What is 5 + 2?", ...),
 * a different one on each call, so that responses in one dataset version are not duplicates of each other.
 */
public final class Responses {

    public static final List<ChatMessage> PROMPT = List.of(
            new ChatMessage("system", "End with '#### <answer>'."), ChatMessage.user("What is 3 + 4?"));
    public static final List<TokenLogprob> TOKENS = List.of(
            new TokenLogprob("####", -0.1, List.of(new TokenLogprob.Alternative("####", -0.1),
                    new TokenLogprob.Alternative("The", -2.5))),
            new TokenLogprob(" 7", -0.3, List.of(new TokenLogprob.Alternative(" 7", -0.3))));

    private static final AtomicInteger NEXT = new AtomicInteger(3);

    private Responses() {
    }

    /** "What is a + (7 - a)?" with the usual system message. */
    public static List<ChatMessage> prompt(int a) {
        return List.of(PROMPT.get(0), ChatMessage.user("What is " + a + " + " + (7 - a) + "?"));
    }

    public static TeacherResponseEvent response(String teacherVersion, String completion, String finishReason) {
        return response("p-" + UUID.randomUUID(), teacherVersion, completion, finishReason, new Reference("7", "final-answer"));
    }

    public static TeacherResponseEvent response(String promptId, String teacherVersion, String completion,
            String finishReason, Reference reference) {
        return response(promptId, teacherVersion, prompt(NEXT.getAndIncrement() % 8), completion, finishReason,
                reference);
    }

    /** The answer "#### 7" (correct) to the prompt {@code messages}. */
    public static TeacherResponseEvent response(String teacherVersion, List<ChatMessage> messages) {
        return response("p-" + UUID.randomUUID(), teacherVersion, messages, "#### 7", "stop",
                new Reference("7", "final-answer"));
    }

    private static TeacherResponseEvent response(String promptId, String teacherVersion, List<ChatMessage> messages,
            String completion, String finishReason, Reference reference) {
        return new TeacherResponseEvent(TeacherResponseEvent.SCHEMA_VERSION, promptId, "c-test",
                new TeacherRef("reference", "reference-teacher", teacherVersion), messages, completion, finishReason,
                TOKENS, new Usage(20, 2), 0.0, 5, false, "addition", "train", reference,
                Instant.parse("2025-01-01T00:00:00Z"));
    }
}
