package dev.distill.skills;

import java.math.BigDecimal;
import java.util.Optional;

/** Answer comparison shared by every skill: exact text, or numeric equality when both sides are numbers. */
public final class Verifiers {

    private Verifiers() {
    }

    public static boolean finalAnswerMatches(String reference, String completion) {
        Optional<String> candidate = FinalAnswer.extract(completion);
        return candidate.isPresent() && sameAnswer(reference, candidate.get());
    }

    static boolean sameAnswer(String reference, String candidate) {
        String a = normalise(reference);
        String b = normalise(candidate);
        if (a.equals(b)) {
            return true;
        }
        Optional<BigDecimal> x = number(a);
        Optional<BigDecimal> y = number(b);
        return x.isPresent() && y.isPresent() && x.get().compareTo(y.get()) == 0;
    }

    private static String normalise(String s) {
        return s.strip().replace(",", "");
    }

    private static Optional<BigDecimal> number(String s) {
        try {
            return Optional.of(new BigDecimal(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
