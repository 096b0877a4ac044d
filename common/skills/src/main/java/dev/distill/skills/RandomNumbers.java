package dev.distill.skills;

import java.util.SplittableRandom;

/** Random operands for the skills' generators. */
final class RandomNumbers {

    private RandomNumbers() {
    }

    /**
     * A number of {@code minDigits..maxDigits} digits with the digit count itself uniform, so short numbers are not
     * rare; no leading zero, and a one-digit number is at least {@code smallestOneDigit}.
     */
    static long withDigits(SplittableRandom random, int minDigits, int maxDigits, long smallestOneDigit) {
        int digits = minDigits + random.nextInt(maxDigits - minDigits + 1);
        long low = digits == 1 ? smallestOneDigit : (long) Math.pow(10, digits - 1);
        long high = (long) Math.pow(10, digits);
        return random.nextLong(low, high);
    }

    /** {@link #withDigits} from one digit (0..9) up to {@code maxDigits}. */
    static long upToDigits(SplittableRandom random, int maxDigits) {
        return withDigits(random, 1, maxDigits, 0);
    }
}
