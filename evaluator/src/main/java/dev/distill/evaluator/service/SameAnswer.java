package dev.distill.evaluator.service;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether two extracted answers are the same: equal once trimmed, whitespace collapsed and thousands separators
 * dropped, or equal as numbers ({@code 7} and {@code 7.0}), the comparison the skills' verifiers make.
 */
final class SameAnswer {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private SameAnswer() {
    }

    static boolean test(String a, String b) {
        String x = normalise(a);
        String y = normalise(b);
        if (x.equals(y)) {
            return true;
        }
        Optional<BigDecimal> m = number(x);
        Optional<BigDecimal> n = number(y);
        return m.isPresent() && n.isPresent() && m.get().compareTo(n.get()) == 0;
    }

    private static String normalise(String s) {
        return WHITESPACE.matcher(s.strip().replace(",", "")).replaceAll(" ");
    }

    private static Optional<BigDecimal> number(String s) {
        try {
            return Optional.of(new BigDecimal(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
