package dev.distill.skills;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Multi-digit multiplication {@code a * b}. Each difficulty sets the digit counts of both operands (a single-digit
 * operand is 2..9, so no problem is a trivial {@code *0} or {@code *1}):
 * <ul>
 *   <li>d=1: a has 1-2 digits, b has 1 digit;</li>
 *   <li>d=2: a has 2-3 digits, b has 2 digits;</li>
 *   <li>d=3: a has 3 digits, b has 2-3 digits;</li>
 *   <li>d=4: a has 3-4 digits, b has 3 digits;</li>
 *   <li>d=5: a has 4-5 digits, b has 3-4 digits.</li>
 * </ul>
 *
 * <p>The solution writes one partial product a line, for each non-zero digit of b from the ones digit up, with the
 * digit's place value spelled out ({@code 347*5=1735}, {@code 347*80=27760}, {@code 347*200=69400}), then one line
 * adding the partial products ({@code 1735+27760+69400=98895}); the sum line is left out when there is only one.
 */
public final class Multiplication implements Skill {

    private static final int[] MIN_A = {1, 2, 3, 3, 4};
    private static final int[] MAX_A = {2, 3, 3, 4, 5};
    private static final int[] MIN_B = {1, 2, 2, 3, 3};
    private static final int[] MAX_B = {1, 2, 3, 3, 4};

    @Override
    public String name() {
        return "multiplication";
    }

    @Override
    public int maxDifficulty() {
        return 5;
    }

    @Override
    public Problem generate(long seed, int difficulty) {
        checkDifficulty(difficulty);
        SplittableRandom random = new SplittableRandom(seed);
        long a = RandomNumbers.withDigits(random, MIN_A[difficulty - 1], MAX_A[difficulty - 1], 2);
        long b = RandomNumbers.withDigits(random, MIN_B[difficulty - 1], MAX_B[difficulty - 1], 2);
        return new Problem(name(), seed, difficulty, "What is " + a + " * " + b + "?", Long.toString(a * b));
    }

    @Override
    public String solve(Problem problem) {
        String[] parts = problem.prompt().substring("What is ".length(), problem.prompt().length() - 1).split(" \\* ");
        long a = Long.parseLong(parts[0]);
        String b = parts[1];
        StringBuilder steps = new StringBuilder();
        List<Long> partials = new ArrayList<>();
        long place = 1;
        for (int i = b.length() - 1; i >= 0; i--, place *= 10) {
            int digit = b.charAt(i) - '0';
            if (digit == 0 && !(partials.isEmpty() && i == 0)) {
                continue;
            }
            long partial = a * digit * place;
            partials.add(partial);
            steps.append(a).append('*').append(digit * place).append('=').append(partial).append('\n');
        }
        if (partials.size() > 1) {
            long sum = 0;
            StringBuilder line = new StringBuilder();
            for (long partial : partials) {
                line.append(line.length() == 0 ? "" : "+").append(partial);
                sum += partial;
            }
            steps.append(line).append('=').append(sum).append('\n');
        }
        return steps.append(FinalAnswer.line(problem.answer())).toString();
    }
}
