package dev.distill.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.distill.events.ChatMessage;
import dev.distill.events.EventCodec;
import dev.distill.events.TokenLogprob;
import dev.distill.model.ByteDistribution;
import dev.distill.model.ByteTokenizer;
import dev.distill.model.ChatTurn;
import dev.distill.model.EncodedExample;
import dev.distill.model.TeacherTargets;
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
        SampleEncoder encoder = new SampleEncoder(TOKENIZER, 128, TooLong.SKIP, false);

        assertThat(encoder.encode(PROMPT, "42", null)).isEqualTo(new Kept(EXAMPLE, false, null));
    }

    @Test
    void aRoleTheModelDoesNotKnowIsDroppedNamingTheRoleButNotTheContent() {
        String prompt = prompt(new ChatMessage("tool", "secret tool output"), ChatMessage.user("12+30="));

        SampleEncoder.Encoding encoding = new SampleEncoder(TOKENIZER, 128, TooLong.TRUNCATE, false)
                .encode(prompt, "42", null);

        assertThat(encoding).isInstanceOf(Dropped.class);
        Dropped dropped = (Dropped) encoding;
        assertThat(dropped.reason()).isEqualTo(DropReason.BAD_ROLE);
        assertThat(dropped.reason().tag).isEqualTo("bad-role");
        assertThat(dropped.detail()).contains("\"tool\"").doesNotContain("secret");
    }

    @Test
    void aStoredPromptThatIsNotChatMessagesIsDroppedWithoutQuotingIt() {
        SampleEncoder encoder = new SampleEncoder(TOKENIZER, 128, TooLong.TRUNCATE, false);

        for (String prompt : List.of("{\"secret\": ", "null", "[{\"role\":\"user\"}]", "{\"role\":\"user\"}")) {
            SampleEncoder.Encoding encoding = encoder.encode(prompt, "42", null);
            assertThat(encoding).as(prompt).isInstanceOf(Dropped.class);
            assertThat(((Dropped) encoding).reason()).as(prompt).isEqualTo(DropReason.BAD_JSON);
            assertThat(((Dropped) encoding).detail()).as(prompt).doesNotContain("secret");
        }
    }

    @Test
    void anEmptyAnswerHasNothingToTrainOn() {
        SampleEncoder.Encoding encoding = new SampleEncoder(TOKENIZER, 128, TooLong.TRUNCATE, false)
                .encode(PROMPT, "", null);

        assertThat(encoding).isInstanceOf(Dropped.class);
        assertThat(((Dropped) encoding).reason()).isEqualTo(DropReason.NO_ANSWER_TOKENS);
    }

    @Test
    void tooLongIsMeasuredAgainstTheContextPlusTheFinalTarget() {
        // n tokens make n - 1 input positions, so a context of n - 1 takes the whole example
        int exact = EXAMPLE.length() - 1;

        assertThat(new SampleEncoder(TOKENIZER, exact, TooLong.SKIP, false).encode(PROMPT, "42", null))
                .isEqualTo(new Kept(EXAMPLE, false, null));
        assertThat(new SampleEncoder(TOKENIZER, exact - 1, TooLong.TRUNCATE, false).encode(PROMPT, "42", null))
                .isEqualTo(new Kept(EXAMPLE, true, null));
        SampleEncoder.Encoding skipped = new SampleEncoder(TOKENIZER, exact - 1, TooLong.SKIP, false)
                .encode(PROMPT, "42", null);
        assertThat(skipped).isInstanceOf(Dropped.class);
        assertThat(((Dropped) skipped).reason()).isEqualTo(DropReason.TOO_LONG);
        assertThat(((Dropped) skipped).detail()).contains(EXAMPLE.length() + " tokens").doesNotContain("12+30");
    }

    @Test
    void aDistillingStudentGetsTheTeachersDistributionOnEachAnswerByte() {
        SampleEncoder encoder = new SampleEncoder(TOKENIZER, 128, TooLong.SKIP, true);

        Kept kept = (Kept) encoder.encode(PROMPT, "42", tokens(token("4", "5"), token("2", "3")));

        assertThat(kept.teacher()).isEqualTo(TeacherTargets.Outcome.PROJECTED);
        assertThat(kept.example().tokens()).isEqualTo(EXAMPLE.tokens());
        assertThat(kept.example().teacherPositionCount()).isEqualTo(2); // one per answer byte, none on the EOS
        int firstAnswerByte = EXAMPLE.length() - 3;
        ByteDistribution four = kept.example().teacher()[firstAnswerByte];
        assertThat(four.ids()).containsExactly('4', '5');
        assertThat(four.probs()[0]).isCloseTo(0.8f, within(1e-6f));
    }

    @Test
    void tokensThatDoNotSpellTheAnswerLeaveTheSampleToCrossEntropy() {
        SampleEncoder encoder = new SampleEncoder(TOKENIZER, 128, TooLong.SKIP, true);

        assertThat(encoder.encode(PROMPT, "42", tokens(token("4", "5"), token("3", "2"))))
                .isEqualTo(new Kept(EXAMPLE, false, TeacherTargets.Outcome.MISALIGNED));
    }

    @Test
    void aSampleWithoutReadableTokensTrainsWithCrossEntropy() {
        SampleEncoder encoder = new SampleEncoder(TOKENIZER, 128, TooLong.SKIP, true);

        for (String stored : new String[] {null, "[]", "{\"not\": "}) {
            assertThat(encoder.encode(PROMPT, "42", stored)).as(String.valueOf(stored))
                    .isEqualTo(new Kept(EXAMPLE, false, TeacherTargets.Outcome.NO_TOKENS));
        }
    }

    @Test
    void aCrossEntropyStudentIgnoresTheTeachersTokens() {
        SampleEncoder encoder = new SampleEncoder(TOKENIZER, 128, TooLong.SKIP, false);

        assertThat(encoder.encode(PROMPT, "42", tokens(token("4", "5"), token("2", "3"))))
                .isEqualTo(new Kept(EXAMPLE, false, null));
    }

    /** The chosen token with probability 0.8 and one alternative with 0.2, like the reference teacher's. */
    private static TokenLogprob token(String chosen, String alternative) {
        return new TokenLogprob(chosen, Math.log(0.8), List.of(new TokenLogprob.Alternative(chosen, Math.log(0.8)),
                new TokenLogprob.Alternative(alternative, Math.log(0.2))));
    }

    private static String tokens(TokenLogprob... tokens) {
        try {
            return EventCodec.mapper().writeValueAsString(List.of(tokens));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String prompt(ChatMessage... messages) {
        try {
            return EventCodec.mapper().writeValueAsString(List.of(messages));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
