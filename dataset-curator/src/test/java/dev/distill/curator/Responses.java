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

/** Teacher responses to feed the curator: the question is always "What is 3 + 4?" with reference answer 7. */
public final class Responses {

    public static final List<ChatMessage> PROMPT = List.of(
            new ChatMessage("system", "End with '#### <answer>'."), ChatMessage.user("What is 3 + 4?"));
    public static final List<TokenLogprob> TOKENS = List.of(
            new TokenLogprob("####", -0.1, List.of(new TokenLogprob.Alternative("####", -0.1),
                    new TokenLogprob.Alternative("The", -2.5))),
            new TokenLogprob(" 7", -0.3, List.of(new TokenLogprob.Alternative(" 7", -0.3))));

    private Responses() {
    }

    public static TeacherResponseEvent response(String teacherVersion, String completion, String finishReason) {
        return response("p-" + UUID.randomUUID(), teacherVersion, completion, finishReason, new Reference("7", "final-answer"));
    }

    public static TeacherResponseEvent response(String promptId, String teacherVersion, String completion,
            String finishReason, Reference reference) {
        return new TeacherResponseEvent(TeacherResponseEvent.SCHEMA_VERSION, promptId, "c-test",
                new TeacherRef("reference", "reference-teacher", teacherVersion), PROMPT, completion, finishReason,
                TOKENS, new Usage(20, 2), 0.0, 5, false, "addition", "train", reference,
                Instant.parse("2025-01-01T00:00:00Z"));
    }
}
