package dev.distill.skills;

import java.util.SplittableRandom;

/**
 * Multi-digit addition. Difficulty d gives operands of 1..d+1 digits (d=1: up to 2 digits, d=2: up to 3).
 * The solution adds column by column from the ones digit, one line a column, carrying as on paper.
 */
public final class Addition implements Skill {

    @Override
    public String name() {
        return "addition";
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
        return new Problem(name(), seed, difficulty, "What is " + a + " + " + b + "?", Long.toString(a + b));
    }

    @Override
    public String solve(Problem problem) {
        String[] parts = problem.prompt().substring("What is ".length(), problem.prompt().length() - 1).split(" \\+ ");
        String a = parts[0];
        String b = parts[1];
        StringBuilder steps = new StringBuilder();
        int carry = 0;
        for (int i = 0; i < Math.max(a.length(), b.length()); i++) {
            StringBuilder line = new StringBuilder();
            int sum = carry;
            for (String operand : new String[] {a, b}) {
                int at = operand.length() - 1 - i;
                if (at >= 0) {
                    int digit = operand.charAt(at) - '0';
                    line.append(line.length() == 0 ? "" : "+").append(digit);
                    sum += digit;
                }
            }
            if (carry > 0) {
                line.append("+").append(carry);
            }
            carry = sum / 10;
            line.append("=").append(sum);
            if (carry > 0) {
                line.append(" carry ").append(carry);
            }
            steps.append(line).append('\n');
        }
        if (carry > 0) {
            steps.append("carry ").append(carry).append('\n');
        }
        return steps.append(FinalAnswer.line(problem.answer())).toString();
    }
}
