package dev.distill.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.events.ChatMessage;
import dev.distill.events.EventCodec;
import dev.distill.model.ByteTokenizer;
import dev.distill.model.ChatTurn;
import dev.distill.model.EncodedExample;
import dev.distill.trainer.config.TrainerConfig.TooLong;
import dev.distill.trainer.service.SampleEncoder.DropReason;
import dev.distill.trainer.service.SampleEncoder.Dropped;
import dev.distill.trainer.service.SampleEncoder.Kept;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleEncoderTest {

    private static final ByteTokenizer TOKENIZER = ByteTokenizer.instance();
    private static final String PROMPT = prompt(ChatMessage.user("12+30="));
    private static final EncodedExample EXAMPLE = TOKENIZER.encodeExample(List.of(ChatTurn.user("12+30=")), "42");

    @Test
    void aSampleThatFitsIsKeptAsTheTokenizerEncodesIt() {
        SampleEncoder encoder = new SampleEncoder(TOKENIZER, 128, TooLong.SKIP);

        assertThat(encoder.encode(PROMPT, "42")).isEqualTo(new Kept(EXAMPLE, false));
    }

    @Test
    void aRoleTheModelDoesNotKnowIsDroppedNamingTheRoleButNotTheContent() {
        String prompt = prompt(new ChatMessage("tool", "secret tool output"), ChatMessage.user("12+30="));

        SampleEncoder.Encoding encoding = new SampleEncoder(TOKENIZER, 128, TooLong.TRUNCATE).encode(prompt, "42");

        assertThat(encoding).isInstanceOf(Dropped.class);
        Dropped dropped = (Dropped) encoding;
        assertThat(dropped.reason()).isEqualTo(DropReason.BAD_ROLE);
        assertThat(dropped.reason().tag).isEqualTo("bad-role");
        assertThat(dropped.detail()).contains("\"tool\"").doesNotContain("secret");
    }

    @Test
    void aStoredPromptThatIsNotChatMessagesIsDroppedWithoutQuotingIt() {
        SampleEncoder encoder = new SampleEncoder(TOKENIZER, 128, TooLong.TRUNCATE);

        for (String prompt : List.of("{\"secret\": ", "null", "[{\"role\":\"user\"}]", "{\"role\":\"user\"}")) {
            SampleEncoder.Encoding encoding = encoder.encode(prompt, "42");
            assertThat(encoding).as(prompt).isInstanceOf(Dropped.class);
            assertThat(((Dropped) encoding).reason()).as(prompt).isEqualTo(DropReason.BAD_JSON);
            assertThat(((Dropped) encoding).detail()).as(prompt).doesNotContain("secret");
        }
    }

    @Test
    void anEmptyAnswerHasNothingToTrainOn() {
        SampleEncoder.Encoding encoding = new SampleEncoder(TOKENIZER, 128, TooLong.TRUNCATE).encode(PROMPT, "");

        assertThat(encoding).isInstanceOf(Dropped.class);
        assertThat(((Dropped) encoding).reason()).isEqualTo(DropReason.NO_ANSWER_TOKENS);
    }

    @Test
    void tooLongIsMeasuredAgainstTheContextPlusTheFinalTarget() {
        // n tokens make n - 1 input positions, so a context of n - 1 takes the whole example
        int exact = EXAMPLE.length() - 1;

        assertThat(new SampleEncoder(TOKENIZER, exact, TooLong.SKIP).encode(PROMPT, "42"))
                .isEqualTo(new Kept(EXAMPLE, false));
        assertThat(new SampleEncoder(TOKENIZER, exact - 1, TooLong.TRUNCATE).encode(PROMPT, "42"))
                .isEqualTo(new Kept(EXAMPLE, true));
        SampleEncoder.Encoding skipped = new SampleEncoder(TOKENIZER, exact - 1, TooLong.SKIP).encode(PROMPT, "42");
        assertThat(skipped).isInstanceOf(Dropped.class);
        assertThat(((Dropped) skipped).reason()).isEqualTo(DropReason.TOO_LONG);
        assertThat(((Dropped) skipped).detail()).contains(EXAMPLE.length() + " tokens").doesNotContain("12+30");
    }

    private static String prompt(ChatMessage... messages) {
        try {
            return EventCodec.mapper().writeValueAsString(List.of(messages));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
