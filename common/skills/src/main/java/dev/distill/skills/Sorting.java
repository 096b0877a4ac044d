package dev.distill.skills;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Sorting a list of integers in ascending order: {@code Sort in ascending order: 5 2 9 1}, answer {@code 1 2 5 9}.
 *
 * <p>Difficulties (list length, value range): 1 = 4 numbers in 0..9, 2 = 5 in 0..99, 3 = 6 in -99..99,
 * 4 = 8 in -999..999, 5 = 10 in -9999..9999. Duplicates may occur; a list that is already in order is drawn again.
 *
 * <p>Worked steps repeatedly take the smallest of what is left, one line a number:
 * {@code smallest of 5 2 9 1 is 1; sorted: 1}, then {@code smallest of 5 2 9 is 2; sorted: 1 2}, ... and
 * {@code #### 1 2 5 9}. The verifier compares the final answer as a list of numbers split on whitespace and/or
 * commas, so {@code 1, 2, 5, 9} passes as well as {@code 1 2 5 9}.
 */
public final class Sorting implements Skill {

    static final String PREFIX = "Sort in ascending order: ";

    private static final int[] LENGTH = {4, 5, 6, 8, 10};
    private static final int[] LOW = {0, 0, -99, -999, -9999};
    private static final int[] HIGH = {9, 99, 99, 999, 9999};

    @Override
    public String name() {
        return "sorting";
    }

    @Override
    public int maxDifficulty() {
        return 5;
    }

    @Override
    public Problem generate(long seed, int difficulty) {
        checkDifficulty(difficulty);
        SplittableRandom random = new SplittableRandom(seed);
        List<Long> numbers;
        do {
            numbers = new ArrayList<>();
            for (int i = 0; i < LENGTH[difficulty - 1]; i++) {
                numbers.add((long) random.nextInt(LOW[difficulty - 1], HIGH[difficulty - 1] + 1));
            }
        } while (isAscending(numbers));
        List<Long> sorted = new ArrayList<>(numbers);
        sorted.sort(null);
        return new Problem(name(), seed, difficulty, PREFIX + join(numbers), join(sorted));
    }

    @Override
    public String solve(Problem problem) {
        String prompt = problem.prompt();
        if (!prompt.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a sorting prompt: " + prompt);
        }
        List<Long> left = new ArrayList<>();
        for (String token : prompt.substring(PREFIX.length()).strip().split(" +")) {
            left.add(Long.parseLong(token));
        }
        List<Long> sorted = new ArrayList<>();
        StringBuilder steps = new StringBuilder();
        while (!left.isEmpty()) {
            long smallest = left.get(0);
            for (long value : left) {
                smallest = Math.min(smallest, value);
            }
            sorted.add(smallest);
            steps.append("smallest of ").append(join(left)).append(" is ").append(smallest)
                    .append("; sorted: ").append(join(sorted)).append('\n');
            left.remove(Long.valueOf(smallest));
        }
        return steps.append(FinalAnswer.line(join(sorted))).toString();
    }

    /** The final answer, read as numbers separated by whitespace and/or commas, must equal the sorted list. */
    @Override
    public boolean verify(Problem problem, String completion) {
        Optional<String> candidate = FinalAnswer.extract(completion);
        if (candidate.isEmpty()) {
            return false;
        }
        Optional<List<BigDecimal>> expected = numbers(problem.answer());
        Optional<List<BigDecimal>> actual = numbers(candidate.get());
        if (expected.isEmpty() || actual.isEmpty() || expected.get().size() != actual.get().size()) {
            return false;
        }
        for (int i = 0; i < expected.get().size(); i++) {
            if (expected.get().get(i).compareTo(actual.get().get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    private static Optional<List<BigDecimal>> numbers(String text) {
        List<BigDecimal> numbers = new ArrayList<>();
        for (String token : text.strip().split("[\\s,]+")) {
            if (token.isEmpty()) {
                continue;
            }
            try {
                numbers.add(new BigDecimal(token));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return numbers.isEmpty() ? Optional.empty() : Optional.of(numbers);
    }

    private static boolean isAscending(List<Long> numbers) {
        for (int i = 1; i < numbers.size(); i++) {
            if (numbers.get(i - 1) > numbers.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static String join(List<Long> numbers) {
        StringBuilder text = new StringBuilder();
        for (long value : numbers) {
            text.append(text.length() == 0 ? "" : " ").append(value);
        }
        return text.toString();
    }
}
