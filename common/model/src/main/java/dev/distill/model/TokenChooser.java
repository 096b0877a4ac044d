package dev.distill.model;

import java.util.Arrays;
import java.util.Random;

/** Picks the next token from a row of logits: greedy (argmax) or temperature/top-k sampling. */
abstract class TokenChooser {

    abstract int choose(float[] logits, int offset, int vocab);

    static TokenChooser greedy() {
        return new TokenChooser() {
            @Override
            int choose(float[] logits, int offset, int vocab) {
                int best = 0;
                for (int i = 1; i < vocab; i++) {
                    if (logits[offset + i] > logits[offset + best]) {
                        best = i;
                    }
                }
                return best;
            }
        };
    }

    static TokenChooser sampling(double temperature, int topK, long seed) {
        if (temperature <= 0) {
            return greedy();
        }
        Random random = new Random(seed);
        return new TokenChooser() {
            @Override
            int choose(float[] logits, int offset, int vocab) {
                int k = topK <= 0 ? vocab : Math.min(topK, vocab);
                Integer[] order = new Integer[vocab];
                for (int i = 0; i < vocab; i++) {
                    order[i] = i;
                }
                // Stable sort: ties broken by token id, so results are reproducible.
                Arrays.sort(order, (a, b) -> Float.compare(logits[offset + b], logits[offset + a]));
                double max = logits[offset + order[0]];
                double[] weights = new double[k];
                double total = 0;
                for (int i = 0; i < k; i++) {
                    weights[i] = Math.exp((logits[offset + order[i]] - max) / temperature);
                    total += weights[i];
                }
                double r = random.nextDouble() * total;
                for (int i = 0; i < k; i++) {
                    r -= weights[i];
                    if (r <= 0) {
                        return order[i];
                    }
                }
                return order[k - 1];
            }
        };
    }
}
