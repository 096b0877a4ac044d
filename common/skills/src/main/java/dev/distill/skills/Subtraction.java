package dev.distill.skills;

import java.util.SplittableRandom;

/**
 * Multi-digit subtraction {@code a - b}. Difficulty d gives operands of 1..d+1 digits, the digit count uniform as in
 * {@link Addition} (d=1: up to 2 digits, d=5: up to 6). At d=1 and d=2 the first operand is never the smaller, so the
 * result is never negative; from d=3 on the operands come in either order and the result may be negative.
 *
 * <p>The solution subtracts column by column from the ones digit, one line a column, borrowing as on paper:
 * {@code 2-8} becomes {@code 12-8=4 borrow 1}, and the next column takes the borrow off ({@code 5-3-1=1}). When the
 * result is negative the first line turns the problem round ({@code 285<347, so 285-347=-(347-285)}), the columns
 * work out {@code 347-285}, and a last line puts the sign back.
 */
public final class Subtraction implements Skill {

    @Override
    public String name() {
        return "subtraction";
    }

    @Override
    public int maxDifficulty() {
        return 5;
    }

    @Override
    public Problem generate(long seed, int difficulty) {
        checkDifficulty(difficulty);
        SplittableRandom random = new SplittableRandom(seed);
        long a = RandomNumbers.upToDigits(random, difficulty + 1);
        long b = RandomNumbers.upToDigits(random, difficulty + 1);
        if (difficulty <= 2 && a < b) {
            long t = a;
            a = b;
            b = t;
        }
        return new Problem(name(), seed, difficulty, "What is " + a + " - " + b + "?", Long.toString(a - b));
    }

    @Override
    public String solve(Problem problem) {
        String[] parts = problem.prompt().substring("What is ".length(), problem.prompt().length() - 1).split(" - ");
        String a = parts[0];
        String b = parts[1];
        boolean negative = Long.parseLong(a) < Long.parseLong(b);
        StringBuilder steps = new StringBuilder();
        if (negative) {
            steps.append(a).append('<').append(b).append(", so ").append(a).append('-').append(b)
                    .append("=-(").append(b).append('-').append(a).append(")\n");
            String t = a;
            a = b;
            b = t;
        }
        int borrow = 0;
        for (int i = 0; i < a.length(); i++) {
            int top = a.charAt(a.length() - 1 - i) - '0';
            int at = b.length() - 1 - i;
            int bottom = at >= 0 ? b.charAt(at) - '0' : 0;
            int difference = top - bottom - borrow;
            boolean borrowNow = difference < 0;
            StringBuilder line = new StringBuilder();
            line.append(borrowNow ? top + 10 : top);
            if (at >= 0) {
                line.append('-').append(bottom);
            }
            if (borrow > 0) {
                line.append('-').append(borrow);
            }
            line.append('=').append(borrowNow ? difference + 10 : difference);
            if (borrowNow) {
                line.append(" borrow 1");
            }
            steps.append(line).append('\n');
            borrow = borrowNow ? 1 : 0;
        }
        if (negative) {
            long magnitude = Long.parseLong(a) - Long.parseLong(b);
            steps.append(a).append('-').append(b).append('=').append(magnitude).append(", so ")
                    .append(b).append('-').append(a).append('=').append(-magnitude).append('\n');
        }
        return steps.append(FinalAnswer.line(problem.answer())).toString();
    }
}
