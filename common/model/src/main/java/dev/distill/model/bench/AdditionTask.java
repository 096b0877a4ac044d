package dev.distill.model.bench;

import dev.distill.model.ChatTurn;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Multi-digit addition with worked steps, in the format of the platform's built-in skill (the
 * canonical generator lives in {@code common/skills}; this copy keeps the model module's tests and
 * benchmark self-contained).
 *
 * <pre>
 * What is 347 + 285?
 * 7+5=12 carry 1
 * 4+8+1=13 carry 1
 * 3+2+1=6
 * #### 632
 * </pre>
 *
 * One line per column from the ones digit, listing the digits that exist (the shorter operand has
 * none in its higher columns) and the incoming carry; a final carry gets its own {@code carry 1}
 * line.
 */
public final class AdditionTask {

    private AdditionTask() {}

    /** A generated problem. */
    public record Problem(int a, int b) {
        public List<ChatTurn> prompt() {
            return List.of(ChatTurn.user("What is " + a + " + " + b + "?"));
        }

        public String answer() {
            return solve(a, b);
        }

        public String expected() {
            return Integer.toString(a + b);
        }
    }

    /**
     * Problem number {@code seed}: operand digit counts uniform in 1..maxDigits, then values uniform
     * within that digit count. Equal seeds give equal problems.
     */
    public static Problem problem(long seed, int maxDigits) {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + 17);
        return new Problem(operand(r, maxDigits), operand(r, maxDigits));
    }

    public static List<Problem> problems(long fromSeed, int count, int maxDigits) {
        List<Problem> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(problem(fromSeed + i, maxDigits));
        }
        return out;
    }

    private static int operand(Random r, int maxDigits) {
        int digits = 1 + r.nextInt(maxDigits);
        int low = digits == 1 ? 0 : (int) Math.pow(10, digits - 1);
        int high = (int) Math.pow(10, digits);
        return low + r.nextInt(high - low);
    }

    /** The worked solution ending in {@code #### <sum>}. */
    public static String solve(int a, int b) {
        String x = Integer.toString(a);
        String y = Integer.toString(b);
        StringBuilder out = new StringBuilder();
        int carry = 0;
        for (int col = 0; col < Math.max(x.length(), y.length()); col++) {
            List<Integer> terms = new ArrayList<>();
            if (col < x.length()) {
                terms.add(x.charAt(x.length() - 1 - col) - '0');
            }
            if (col < y.length()) {
                terms.add(y.charAt(y.length() - 1 - col) - '0');
            }
            if (carry > 0) {
                terms.add(carry);
            }
            int sum = terms.stream().mapToInt(Integer::intValue).sum();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < terms.size(); i++) {
                line.append(i == 0 ? "" : "+").append(terms.get(i));
            }
            line.append('=').append(sum);
            carry = sum / 10;
            if (carry > 0) {
                line.append(" carry 1");
            }
            out.append(line).append('\n');
        }
        if (carry > 0) {
            out.append("carry 1\n");
        }
        return out.append("#### ").append(a + b).toString();
    }

    /** Text after the last {@code ####}, trimmed; empty if there is none. */
    public static String finalAnswer(String completion) {
        int i = completion.lastIndexOf("####");
        return i < 0 ? "" : completion.substring(i + 4).trim();
    }
}
