package dev.distill.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaddedBatchTest {

    private static final ByteTokenizer TOKENIZER = ByteTokenizer.instance();
    private static final List<ChatTurn> PROMPT = List.of(ChatTurn.user("hi"));
    private static final LossConfig KD = LossConfig.distillation(0.5, 0.5, 2);
    private static final ByteDistribution FIRST = new ByteDistribution(new int[] {'1', '2'}, new float[] {0.8f, 0.2f});
    private static final ByteDistribution THIRD = new ByteDistribution(new int[] {'+', '-', '='}, new float[] {0.5f, 0.3f, 0.2f});

    private static StudentConfig withMaxSeqLen(int n) {
        return new StudentConfig(ByteTokenizer.VOCAB_SIZE, 32, 2, 1, 64, n, "learned");
    }

    /** BOS USER h i END_OF_TURN ASSISTANT 1 2 + 3 4 = 4 6 EOS, with teacher distributions on '1' and '+'. */
    private static EncodedExample example() {
        EncodedExample plain = TOKENIZER.encodeExample(PROMPT, "12+34=46");
        ByteDistribution[] answer = {FIRST, null, THIRD, null, null, null, null, null, null};
        return plain.withTeacher(new TeacherTargets(TeacherTargets.Outcome.PROJECTED, "12+34=46", answer));
    }

    private static void assertTeacherAt(PaddedBatch.TeacherBatch t, int flat, ByteDistribution d) {
        float[] q = d.tempered(KD.tau());
        assertThat(t.mask()[flat]).isEqualTo(1f);
        for (int j = 0; j < t.k(); j++) {
            long id = j < d.size() ? d.ids()[j] : 0;
            float p = j < d.size() ? q[j] : 0;
            assertThat(t.ids()[flat * t.k() + j]).isEqualTo(id);
            assertThat(t.probs()[flat * t.k() + j]).isCloseTo(p, within(1e-7f));
        }
    }

    @Test
    void teacherTargetsSitAtThePositionThatPredictsTheirByteTempered() {
        EncodedExample e = example();
        EncodedExample other = TOKENIZER.encodeExample(List.of(ChatTurn.user("a longer prompt")), "7");
        PaddedBatch b = PaddedBatch.of(List.of(other, e), withMaxSeqLen(64), KD);

        PaddedBatch.TeacherBatch t = b.teacher();
        assertThat(t.k()).isEqualTo(3); // the largest support in the batch
        assertThat(t.positions()).isEqualTo(2);
        assertThat(b.distilledTokens()).isEqualTo(2);
        int first = b.width() + 5; // row 1, position 5 predicts token 6, the '1'
        assertThat(b.targets()[first]).isEqualTo('1');
        assertTeacherAt(t, first, FIRST);
        assertThat(b.targets()[first + 2]).isEqualTo('+');
        assertTeacherAt(t, first + 2, THIRD);
        float maskSum = 0;
        for (float m : t.mask()) {
            maskSum += m;
        }
        assertThat(maskSum).isEqualTo(2f);
    }

    @Test
    void crossEntropyBatchesCarryNoTeacherTensors() {
        assertThat(PaddedBatch.of(List.of(example()), withMaxSeqLen(64), LossConfig.crossEntropy()).teacher()).isNull();
        EncodedExample plain = TOKENIZER.encodeExample(PROMPT, "12+34=46");
        PaddedBatch b = PaddedBatch.of(List.of(plain), withMaxSeqLen(64), KD);
        assertThat(b.teacher()).isNull();
        assertThat(b.distilledTokens()).isZero();
    }

    @Test
    void leftTruncationKeepsTeacherTargetsOnTheirBytes() {
        // 15 tokens, maxSeqLen 8: the last 9 tokens "1 2 + 3 4 = 4 6 EOS" stay; '1' becomes the unpredicted first token.
        PaddedBatch b = PaddedBatch.of(List.of(example()), withMaxSeqLen(8), KD);
        assertThat(b.truncated()).isEqualTo(1);
        assertThat(b.width()).isEqualTo(8);
        assertThat(b.targets()).containsExactly('2', '+', '3', '4', '=', '4', '6', ByteTokenizer.EOS);
        assertThat(b.trainedTokens()).isEqualTo(8);
        PaddedBatch.TeacherBatch t = b.teacher();
        assertThat(t.positions()).isEqualTo(1);
        assertThat(t.mask()).containsExactly(0f, 1f, 0f, 0f, 0f, 0f, 0f, 0f);
        assertTeacherAt(t, 1, THIRD);
    }
}
