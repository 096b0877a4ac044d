package dev.distill.model;

import java.util.ArrayList;
import java.util.List;

/** Groups examples into batches whose padded size (rows x longest row) stays within a budget. */
public final class Batches {

    private Batches() {}

    /**
     * Splits examples, in order, into consecutive batches with rows * (longest length - 1) <=
     * tokenBudget (at least one example per batch). Sequences of similar length batch best, but
     * order is preserved so the caller controls shuffling.
     */
    public static List<List<EncodedExample>> byTokenBudget(List<EncodedExample> examples, int tokenBudget) {
        List<List<EncodedExample>> out = new ArrayList<>();
        List<EncodedExample> current = new ArrayList<>();
        int longest = 0;
        for (EncodedExample e : examples) {
            int len = Math.max(longest, e.length() - 1);
            if (!current.isEmpty() && (long) len * (current.size() + 1) > tokenBudget) {
                out.add(current);
                current = new ArrayList<>();
                len = e.length() - 1;
            }
            current.add(e);
            longest = len;
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }
}
