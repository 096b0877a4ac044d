package dev.distill.model;

import java.util.Arrays;

/**
 * A tokenised training example.
 *
 * <p>{@code answerMask[i]} refers to <em>token i as a target</em>: when it is true, the model's
 * prediction of {@code tokens[i]} (made at position {@code i - 1}) contributes to the loss. It is
 * true exactly on the answer bytes and the final EOS, so the prompt (including the ASSISTANT token
 * that opens the answer) is never trained on. {@code answerMask[0]} is always false.
 */
public record EncodedExample(int[] tokens, boolean[] answerMask) {

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

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedExample e
                && Arrays.equals(tokens, e.tokens) && Arrays.equals(answerMask, e.answerMask);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(tokens) + Arrays.hashCode(answerMask);
    }

    @Override
    public String toString() {
        return "EncodedExample[length=" + tokens.length + ", answerTokens=" + answerTokenCount() + "]";
    }
}
