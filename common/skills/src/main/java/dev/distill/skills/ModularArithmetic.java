package dev.distill.skills;

import java.util.SplittableRandom;

/**
 * Remainders: {@code What is <a> mod <m>?}, and at higher difficulties the remainder of a sum or a product,
 * {@code What is (<a> + <b>) mod <m>?} or {@code What is (<a> * <b>) mod <m>?}. The answer is in {@code 0..m-1}.
 * <ul>
 *   <li>d=1: {@code a mod m}, a of 2 digits, m in 2..9;</li>
 *   <li>d=2: {@code a mod m}, a of 3-4 digits, m in 2..99;</li>
 *   <li>d=3: {@code (a + b) mod m}, a and b of 2-3 digits, m in 2..99;</li>
 *   <li>d=4: {@code (a * b) mod m}, a and b of 2-3 digits, m in 2..99;</li>
 *   <li>d=5: a sum or a product, a and b of 3-5 digits, m in 10..999.</li>
 * </ul>
 *
 * <p>Each reduction is one line that shows the division: {@code 347 mod 28: 28*12=336, 347-336=11}, or
 * {@code 5 mod 28: 5<28, so 5} when there is nothing to take off. A sum or product reduces each operand first, then
 * combines the remainders on one line ({@code 11*5=55}) and reduces that.
 */
public final class ModularArithmetic implements Skill {

    @Override
    public String name() {
        return "modular-arithmetic";
    }

    @Override
    public int maxDifficulty() {
        return 5;
    }

    @Override
    public Problem generate(long seed, int difficulty) {
        checkDifficulty(difficulty);
        SplittableRandom random = new SplittableRandom(seed);
        String prompt;
        long answer;
        switch (difficulty) {
            case 1, 2 -> {
                long a = difficulty == 1 ? RandomNumbers.withDigits(random, 2, 2, 0)
                        : RandomNumbers.withDigits(random, 3, 4, 0);
                long m = difficulty == 1 ? random.nextLong(2, 10) : random.nextLong(2, 100);
                prompt = "What is " + a + " mod " + m + "?";
                answer = a % m;
            }
            default -> {
                boolean product = difficulty == 4 || (difficulty == 5 && random.nextBoolean());
                int minDigits = difficulty == 5 ? 3 : 2;
                int maxDigits = difficulty == 5 ? 5 : 3;
                long a = RandomNumbers.withDigits(random, minDigits, maxDigits, 0);
                long b = RandomNumbers.withDigits(random, minDigits, maxDigits, 0);
                long m = difficulty == 5 ? random.nextLong(10, 1000) : random.nextLong(2, 100);
                prompt = "What is (" + a + (product ? " * " : " + ") + b + ") mod " + m + "?";
                answer = product ? (a * b) % m : (a + b) % m;
            }
        }
        return new Problem(name(), seed, difficulty, prompt, Long.toString(answer));
    }

    @Override
    public String solve(Problem problem) {
        String body = problem.prompt().substring("What is ".length(), problem.prompt().length() - 1);
        int modAt = body.lastIndexOf(" mod ");
        long m = Long.parseLong(body.substring(modAt + " mod ".length()));
        String expression = body.substring(0, modAt);
        StringBuilder steps = new StringBuilder();
        if (!expression.startsWith("(")) {
            reduce(Long.parseLong(expression), m, steps);
        } else {
            String inner = expression.substring(1, expression.length() - 1);
            boolean product = inner.contains(" * ");
            String[] operands = inner.split(product ? " \\* " : " \\+ ");
            long ra = reduce(Long.parseLong(operands[0]), m, steps);
            long rb = reduce(Long.parseLong(operands[1]), m, steps);
            long combined = product ? ra * rb : ra + rb;
            steps.append(ra).append(product ? '*' : '+').append(rb).append('=').append(combined).append('\n');
            reduce(combined, m, steps);
        }
        return steps.append(FinalAnswer.line(problem.answer())).toString();
    }

    /** Appends the line reducing x modulo m and returns the remainder. */
    private static long reduce(long x, long m, StringBuilder steps) {
        steps.append(x).append(" mod ").append(m).append(": ");
        if (x < m) {
            steps.append(x).append('<').append(m).append(", so ").append(x).append('\n');
            return x;
        }
        long quotient = x / m;
        long taken = quotient * m;
        steps.append(m).append('*').append(quotient).append('=').append(taken).append(", ")
                .append(x).append('-').append(taken).append('=').append(x - taken).append('\n');
        return x - taken;
    }
}
