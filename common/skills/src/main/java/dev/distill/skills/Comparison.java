package dev.distill.skills;

import java.math.BigDecimal;
import java.util.SplittableRandom;

/**
 * Which of two numbers is larger: {@code Which is larger: <x> or <y>?}. The answer is the larger number exactly as
 * the prompt writes it; the two numbers are never equal in value. Numbers are written plainly: no leading zeros, no
 * trailing zeros after the decimal point, no plus sign.
 * <ul>
 *   <li>d=1: whole numbers of 1-2 digits;</li>
 *   <li>d=2: whole numbers of 1-4 digits; half the pairs have the same length and share leading digits;</li>
 *   <li>d=3: decimals with up to 2 places, integer part of 1-2 digits; half the pairs share the integer part, so
 *       the decimals decide (e.g. {@code 3.9} against {@code 3.11});</li>
 *   <li>d=4: as d=3 with up to 3 places and 1-3 integer digits, and negative numbers (including {@code x} against
 *       {@code -x});</li>
 *   <li>d=5: up to 4 places and 1-4 integer digits, negatives, and pairs that share leading decimals too.</li>
 * </ul>
 *
 * <p>The worked steps compare the signs first ({@code sign: -3.5 is negative, 2.1 is not} settles it; otherwise
 * {@code sign: neither is negative} or {@code sign: both negative, so the smaller size is larger}), then the sizes:
 * the integer parts ({@code integer part: 347 vs 385, first difference 4 < 8}, {@code integer part: 12 > 9, 2 digits
 * vs 1}, or {@code integer part: 3 = 3}), then, when those are equal, the decimals padded to the same length
 * ({@code decimals: .90 vs .11, first difference 9 > 1}), and end with {@code so 3.9 is larger}.
 */
public final class Comparison implements Skill {

    private static final int[] MAX_INT_DIGITS = {2, 4, 2, 3, 4};
    private static final int[] MAX_PLACES = {0, 0, 2, 3, 4};

    /** A number as written: sign, integer digits (no leading zeros), decimal digits (no trailing zeros). */
    private record Written(boolean negative, String whole, String decimals) {

        Written {
            if (whole.equals("0") && decimals.isEmpty()) {
                negative = false;
            }
        }

        String text() {
            return (negative ? "-" : "") + whole + (decimals.isEmpty() ? "" : "." + decimals);
        }

        BigDecimal value() {
            return new BigDecimal(text());
        }
    }

    @Override
    public String name() {
        return "comparison";
    }

    @Override
    public int maxDifficulty() {
        return 5;
    }

    @Override
    public Problem generate(long seed, int difficulty) {
        checkDifficulty(difficulty);
        SplittableRandom random = new SplittableRandom(seed);
        Written x = number(random, difficulty);
        Written y;
        do {
            y = partner(random, difficulty, x);
        } while (y.value().compareTo(x.value()) == 0);
        Written larger = x.value().compareTo(y.value()) > 0 ? x : y;
        return new Problem(name(), seed, difficulty, "Which is larger: " + x.text() + " or " + y.text() + "?",
                larger.text());
    }

    @Override
    public String solve(Problem problem) {
        String prompt = problem.prompt();
        String[] parts = prompt.substring("Which is larger: ".length(), prompt.length() - 1).split(" or ");
        String x = parts[0];
        String y = parts[1];
        String larger = new BigDecimal(x).compareTo(new BigDecimal(y)) > 0 ? x : y;
        boolean xNegative = x.startsWith("-");
        boolean yNegative = y.startsWith("-");
        StringBuilder steps = new StringBuilder();
        if (xNegative != yNegative) {
            steps.append("sign: ").append(xNegative ? x : y).append(" is negative, ").append(xNegative ? y : x)
                    .append(" is not\n");
        } else {
            steps.append(xNegative ? "sign: both negative, so the smaller size is larger\n"
                    : "sign: neither is negative\n");
            String[] a = (xNegative ? x.substring(1) : x).split("\\.", -1);
            String[] b = (yNegative ? y.substring(1) : y).split("\\.", -1);
            String wholeA = a[0];
            String wholeB = b[0];
            if (wholeA.length() != wholeB.length()) {
                steps.append("integer part: ").append(wholeA).append(wholeA.length() > wholeB.length() ? " > " : " < ")
                        .append(wholeB).append(", ").append(wholeA.length()).append(wholeA.length() == 1 ? " digit" : " digits")
                        .append(" vs ").append(wholeB.length()).append('\n');
            } else if (!wholeA.equals(wholeB)) {
                steps.append("integer part: ").append(wholeA).append(" vs ").append(wholeB).append(", ")
                        .append(firstDifference(wholeA, wholeB)).append('\n');
            } else {
                steps.append("integer part: ").append(wholeA).append(" = ").append(wholeB).append('\n');
                String decimalsA = a.length > 1 ? a[1] : "";
                String decimalsB = b.length > 1 ? b[1] : "";
                int places = Math.max(decimalsA.length(), decimalsB.length());
                decimalsA = padRight(decimalsA, places);
                decimalsB = padRight(decimalsB, places);
                steps.append("decimals: .").append(decimalsA).append(" vs .").append(decimalsB).append(", ")
                        .append(firstDifference(decimalsA, decimalsB)).append('\n');
            }
        }
        steps.append("so ").append(larger).append(" is larger\n");
        return steps.append(FinalAnswer.line(problem.answer())).toString();
    }

    private static String firstDifference(String a, String b) {
        int at = 0;
        while (a.charAt(at) == b.charAt(at)) {
            at++;
        }
        char da = a.charAt(at);
        char db = b.charAt(at);
        return "first difference " + da + (da > db ? " > " : " < ") + db;
    }

    private static String padRight(String digits, int length) {
        return digits + "0".repeat(length - digits.length());
    }

    /** A fresh number for this difficulty. */
    private static Written number(SplittableRandom random, int difficulty) {
        boolean negative = difficulty >= 4 && random.nextBoolean();
        return new Written(negative, Long.toString(RandomNumbers.upToDigits(random, MAX_INT_DIGITS[difficulty - 1])),
                decimals(random, "", MAX_PLACES[difficulty - 1]));
    }

    /**
     * The second number: sometimes unrelated to the first, sometimes made to look like it so that the comparison
     * has to go past the first digit.
     */
    private static Written partner(SplittableRandom random, int difficulty, Written x) {
        int places = MAX_PLACES[difficulty - 1];
        int kind = switch (difficulty) {
            case 1 -> 0;
            case 2 -> random.nextBoolean() ? 0 : 1;
            case 3 -> random.nextBoolean() ? 0 : 2;
            case 4 -> new int[] {0, 2, 2, 4}[random.nextInt(4)];
            default -> random.nextInt(5);
        };
        return switch (kind) {
            // same length of integer part, sharing its leading digits
            case 1 -> new Written(x.negative(), sharedPrefixWhole(random, x.whole()), decimals(random, "", places));
            // same integer part, fresh decimals
            case 2 -> new Written(x.negative(), x.whole(), decimals(random, "", places));
            // same integer part and leading decimals
            case 3 -> new Written(x.negative(), x.whole(),
                    decimals(random, x.decimals().substring(0, random.nextInt(x.decimals().length() + 1)), places));
            // the same size with the other sign
            case 4 -> new Written(!x.negative(), x.whole(), x.decimals());
            default -> number(random, difficulty);
        };
    }


    /** A whole part of the same length as {@code whole} that keeps some of its leading digits. */
    private static String sharedPrefixWhole(SplittableRandom random, String whole) {
        int keep = random.nextInt(whole.length());
        StringBuilder digits = new StringBuilder(whole.substring(0, keep));
        for (int i = keep; i < whole.length(); i++) {
            digits.append(i == 0 && whole.length() > 1 ? 1 + random.nextInt(9) : random.nextInt(10));
        }
        return digits.toString();
    }

    /**
     * Decimals starting with {@code prefix}, 0..maxPlaces long in all (the length uniform over what the prefix
     * leaves), ending in a non-zero digit when there are any.
     */
    private static String decimals(SplittableRandom random, String prefix, int maxPlaces) {
        int places = prefix.length() + random.nextInt(maxPlaces - prefix.length() + 1);
        StringBuilder digits = new StringBuilder(prefix);
        for (int i = prefix.length(); i < places; i++) {
            digits.append(i == places - 1 ? 1 + random.nextInt(9) : random.nextInt(10));
        }
        String text = digits.toString();
        // a prefix that ended up as the whole string may end in a zero: drop trailing zeros to keep it plain
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '0') {
            end--;
        }
        return text.substring(0, end);
    }
}
