package dev.distill.referenceteacher.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Token confidences that look like a real model's: high (-0.01..-0.2) on a correct answer, low (-0.7..-1.5) where a
 * wrong answer departs from the right one, with the right token offered as the most likely alternative there. The
 * alternatives at each position are distinct, sorted by logprob descending, and their probabilities together with
 * the chosen token's never sum above 1. Deterministic per (version, prompt, position). An answer the teacher trails
 * off in (a truncation fault) loses confidence towards the cut: its mean logprob is far below a confident answer's.
 */
public final class LogprobModel {

    static final int MAX_TOP = 20;
    private static final String DIGITS = "0123456789";
    /** Plausible confusions for any position; 26 distinct tokens so 20 alternatives always exist. */
    private static final String GENERAL = " \n=+#-*.,:0123456789abcde";
    /** A trailing-off answer's logprobs drop by FADE_START at its first token, growing by FADE_SPAN to the cut. */
    static final double FADE_START = 0.3;
    static final double FADE_SPAN = 1.0;

    private LogprobModel() {
    }

    public static List<ScoredToken> score(Answer answer, String version, String prompt, int k) {
        return score(answer, version, prompt, k, Integer.MAX_VALUE, false);
    }

    /**
     * The first {@code keep} tokens of an answer the teacher lost the thread in and was cut off at: each logprob is
     * lower than in the full answer, by {@link #FADE_START} at the start up to {@link #FADE_START} + {@link #FADE_SPAN}
     * at the cut.
     */
    public static List<ScoredToken> scoreTrailingOff(Answer answer, String version, String prompt, int k, int keep) {
        return score(answer, version, prompt, k, keep, true);
    }

    private static List<ScoredToken> score(Answer answer, String version, String prompt, int k, int keep,
            boolean fading) {
        if (k < 0 || k > MAX_TOP) {
            throw new IllegalArgumentException("top_logprobs must be in 0.." + MAX_TOP);
        }
        List<String> tokens = CharTokenizer.tokens(answer.text());
        String[] hints = hints(tokens, answer); // from the whole answer, so a cut does not misalign a wrong one
        int n = Math.min(keep, tokens.size());
        List<ScoredToken> scored = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String salt = Integer.toString(i);
            double u = StableHash.uniform("logprob", version, prompt, salt);
            double logprob;
            if (hints[i] != null) {
                logprob = -(0.7 + 0.8 * u); // the model hesitated here and picked the wrong token
            } else if (answer.outcome() == Answer.Outcome.UNRECOGNISED) {
                logprob = -(0.05 + 0.6 * u); // free text: plausible but not certain
            } else {
                logprob = -(0.01 + 0.19 * u);
            }
            if (fading) {
                logprob -= FADE_START + FADE_SPAN * (i + 1) / n;
            }
            scored.add(new ScoredToken(tokens.get(i), logprob,
                    alternatives(tokens.get(i), logprob, hints[i], k, StableHash.bits("alt", version, prompt, salt))));
        }
        return scored;
    }

    /**
     * For a wrong answer, the right token at each position where it differs from the correct text ("" when there is
     * no single right token, e.g. lengths differ); null where the answer is as confident as a correct one.
     */
    static String[] hints(List<String> tokens, Answer answer) {
        String[] hints = new String[tokens.size()];
        if (answer.outcome() != Answer.Outcome.WRONG || answer.correctText() == null) {
            return hints;
        }
        List<String> correct = CharTokenizer.tokens(answer.correctText());
        if (correct.size() == tokens.size()) {
            for (int i = 0; i < tokens.size(); i++) {
                if (!tokens.get(i).equals(correct.get(i))) {
                    hints[i] = correct.get(i);
                }
            }
            return hints;
        }
        // different lengths (a carry appeared or vanished): everything between the common prefix and suffix is unsure
        int prefix = 0;
        while (prefix < Math.min(tokens.size(), correct.size()) && tokens.get(prefix).equals(correct.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < Math.min(tokens.size(), correct.size()) - prefix
                && tokens.get(tokens.size() - 1 - suffix).equals(correct.get(correct.size() - 1 - suffix))) {
            suffix++;
        }
        for (int i = prefix; i < tokens.size() - suffix; i++) {
            // the token at the same offset of the correct text, when the two differ there
            hints[i] = i < correct.size() - suffix && !correct.get(i).equals(tokens.get(i)) ? correct.get(i) : "";
        }
        return hints;
    }

    private static List<ScoredToken.Alternative> alternatives(String chosen, double logprob, String hint, int k, long bits) {
        if (k == 0) {
            return List.of();
        }
        double rest = 1 - Math.exp(logprob);
        List<ScoredToken.Alternative> all = new ArrayList<>(k + 1);
        all.add(new ScoredToken.Alternative(chosen, logprob));
        Set<String> used = new LinkedHashSet<>();
        used.add(chosen);
        double spread = rest * 0.9;
        if (hint != null && !hint.isEmpty() && !hint.equals(chosen)) {
            all.add(new ScoredToken.Alternative(hint, Math.log(rest * 0.6)));
            used.add(hint);
            spread = rest * 0.3;
        }
        List<String> pool = pool(chosen, bits);
        double share = spread / 2;
        for (String candidate : pool) {
            if (all.size() >= k) {
                break;
            }
            if (used.add(candidate)) {
                all.add(new ScoredToken.Alternative(candidate, Math.log(share)));
                share /= 2; // geometric tail: always sums to less than the spread
            }
        }
        all.sort(Comparator.comparingDouble(ScoredToken.Alternative::logprob).reversed()
                .thenComparing(ScoredToken.Alternative::token));
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    /** Confusable tokens first (other digits for a digit), then the general set, in a per-position rotation. */
    private static List<String> pool(String chosen, long bits) {
        List<String> pool = new ArrayList<>();
        if (chosen.length() == 1 && DIGITS.contains(chosen)) {
            pool.addAll(rotate(DIGITS, bits));
        }
        pool.addAll(rotate(GENERAL, bits >>> 20));
        return pool;
    }

    private static List<String> rotate(String chars, long bits) {
        int offset = (int) Math.floorMod(bits, (long) chars.length());
        List<String> out = new ArrayList<>(chars.length());
        for (int i = 0; i < chars.length(); i++) {
            out.add(String.valueOf(chars.charAt((offset + i) % chars.length())));
        }
        return out;
    }
}
