package dev.distill.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A tokenised training example.
 *
 * <p>{@code answerMask[i]} refers to <em>token i as a target</em>: when it is true, the model's
 * prediction of {@code tokens[i]} (made at position {@code i - 1}) contributes to the loss. It is
 * true exactly on the answer bytes and the final EOS, so the prompt (including the ASSISTANT token
 * that opens the answer) is never trained on. {@code answerMask[0]} is always false.
 *
 * <p>{@code teacher}, when not null, follows the same convention: {@code teacher[i]} is the
 * teacher's distribution for the prediction of {@code tokens[i]}, null where token i is a hard
 * target only. It is non-null only on answer positions. A null array means the example has no
 * teacher distributions (it trains with cross-entropy only); most examples are built without one
 * so they cost no memory for it.
 */
public record EncodedExample(int[] tokens, boolean[] answerMask, ByteDistribution[] teacher) {

    public EncodedExample {
        if (tokens.length != answerMask.length) {
            throw new IllegalArgumentException(
                    "tokens and answerMask differ in length: " + tokens.length + " vs " + answerMask.length);
        }
        if (tokens.length < 2) {
            throw new IllegalArgumentException("an example needs at least two tokens");
        }
        if (answerMask[0]) {
            throw new IllegalArgumentException("answerMask[0] must be false: the first token is never predicted");
        }
        if (teacher != null) {
            if (teacher.length != tokens.length) {
                throw new IllegalArgumentException(
                        "tokens and teacher differ in length: " + tokens.length + " vs " + teacher.length);
            }
            for (int i = 0; i < teacher.length; i++) {
                if (teacher[i] != null && !answerMask[i]) {
                    throw new IllegalArgumentException("teacher distribution at " + i + ", which is not trained");
                }
            }
        }
    }

    /** An example without teacher distributions. */
    public EncodedExample(int[] tokens, boolean[] answerMask) {
        this(tokens, answerMask, null);
    }

    /**
     * This example with the teacher's projected distributions on its answer, or this example
     * unchanged when the projection gave none. The example must end with that answer and EOS, as
     * {@link ByteTokenizer#encodeExample} builds it.
     */
    public EncodedExample withTeacher(TeacherTargets targets) {
        if (!targets.projected()) {
            return this;
        }
        byte[] answer = targets.answer().getBytes(StandardCharsets.UTF_8);
        int start = tokens.length - 1 - answer.length;
        boolean matches = start >= 1 && tokens[tokens.length - 1] == ByteTokenizer.EOS;
        for (int j = 0; matches && j <= answer.length; j++) {
            matches = answerMask[start + j] && (j == answer.length || tokens[start + j] == (answer[j] & 0xFF));
        }
        if (!matches) {
            throw new IllegalArgumentException("the teacher targets belong to another answer");
        }
        ByteDistribution[] aligned = new ByteDistribution[tokens.length];
        System.arraycopy(targets.distributions(), 0, aligned, start, answer.length + 1);
        return new EncodedExample(tokens, answerMask, aligned);
    }

    public int length() {
        return tokens.length;
    }

    /** Number of tokens whose prediction is trained. */
    public int answerTokenCount() {
        int n = 0;
        for (boolean b : answerMask) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /** Number of tokens whose prediction has a teacher distribution. */
    public int teacherPositionCount() {
        int n = 0;
        for (int i = 0; teacher != null && i < teacher.length; i++) {
            if (teacher[i] != null) {
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedExample e && Arrays.equals(tokens, e.tokens)
                && Arrays.equals(answerMask, e.answerMask) && Arrays.equals(teacher, e.teacher);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(tokens) + Arrays.hashCode(answerMask)) + Arrays.hashCode(teacher);
    }

    @Override
    public String toString() {
        return "EncodedExample[length=" + tokens.length + ", answerTokens=" + answerTokenCount()
                + ", teacherPositions=" + teacherPositionCount() + "]";
    }
}
