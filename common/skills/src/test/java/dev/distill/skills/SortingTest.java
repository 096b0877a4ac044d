package dev.distill.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SortingTest {

    private final Sorting sorting = new Sorting();

    @Test
    void workedStepsTakeTheSmallestOfWhatIsLeft() {
        Problem problem = new Problem("sorting", 1, 1, "Sort in ascending order: 5 2 9 1", "1 2 5 9");
        assertThat(sorting.solve(problem)).isEqualTo("""
                smallest of 5 2 9 1 is 1; sorted: 1
                smallest of 5 2 9 is 2; sorted: 1 2
                smallest of 5 9 is 5; sorted: 1 2 5
                smallest of 9 is 9; sorted: 1 2 5 9
                #### 1 2 5 9""");
    }

    @Test
    void negativesAndDuplicatesAreTakenOneAtATime() {
        Problem problem = new Problem("sorting", 1, 3, "Sort in ascending order: 3 -12 3 0", "-12 0 3 3");
        assertThat(sorting.solve(problem)).isEqualTo("""
                smallest of 3 -12 3 0 is -12; sorted: -12
                smallest of 3 3 0 is 0; sorted: -12 0
                smallest of 3 3 is 3; sorted: -12 0 3
                smallest of 3 is 3; sorted: -12 0 3 3
                #### -12 0 3 3""");
    }

    @Test
    void generatedPromptsReadAsExpected() {
        assertThat(sorting.generate(1, 1)).isEqualTo(
                new Problem("sorting", 1, 1, "Sort in ascending order: 6 2 1 7", "1 2 6 7"));
        assertThat(sorting.generate(2, 3).prompt()).isEqualTo("Sort in ascending order: 75 -7 24 75 -26 -48");
        assertThat(sorting.generate(2, 3).answer()).isEqualTo("-48 -26 -7 24 75 75");
        assertThat(sorting.generate(1, 5).prompt())
                .isEqualTo("Sort in ascending order: 9095 -5414 6732 8640 -1158 -7318 5670 -7888 3731 -4277");
    }

    @Test
    void verifierReadsTheAnswerAsAListOfNumbers() {
        Problem problem = new Problem("sorting", 1, 1, "Sort in ascending order: 5 2 9 1", "1 2 5 9");
        assertThat(sorting.verify(problem, "#### 1 2 5 9")).isTrue();
        assertThat(sorting.verify(problem, "#### 1, 2, 5, 9")).isTrue();
        assertThat(sorting.verify(problem, "#### 1,2,5,9")).isTrue();
        assertThat(sorting.verify(problem, "steps\n####  1 ,2,  5 9 ")).isTrue();
        assertThat(sorting.verify(problem, "#### 1 2 9 5")).as("wrong order").isFalse();
        assertThat(sorting.verify(problem, "#### 1 2 5")).as("missing element").isFalse();
        assertThat(sorting.verify(problem, "#### 1 2 5 9 9")).as("extra element").isFalse();
        assertThat(sorting.verify(problem, "#### 1 2 5 nine")).as("not a number").isFalse();
        assertThat(sorting.verify(problem, "#### ")).isFalse();
        assertThat(sorting.verify(problem, "1 2 5 9")).as("no final answer line").isFalse();
    }

    @Test
    void everySolutionPassesItsOwnVerifierAndWrongAnswersFail() {
        for (int difficulty = 1; difficulty <= sorting.maxDifficulty(); difficulty++) {
            for (long i = 0; i < 10_000; i++) {
                Problem problem = sorting.generate(Split.TRAIN.seed(7, i), difficulty);
                String solution = sorting.solve(problem);
                assertThat(sorting.verify(problem, solution)).as(problem.prompt()).isTrue();
                assertThat(solution).endsWith("\n#### " + problem.answer());
                long[] sorted = numbers(problem.answer());
                long[] bumped = sorted.clone();
                bumped[bumped.length - 1]++;
                assertThat(sorting.verify(problem, "#### " + join(bumped))).as(problem.prompt()).isFalse();
                long[] shorter = Arrays.copyOf(sorted, sorted.length - 1);
                assertThat(sorting.verify(problem, "#### " + join(shorter))).isFalse();
                assertThat(sorting.verify(problem, "#### " + problem.prompt().substring(Sorting.PREFIX.length())))
                        .as("the unsorted list").isFalse();
            }
        }
    }

    @Test
    void sameSeedSameProblemAndSeedsVary() {
        for (int difficulty = 1; difficulty <= sorting.maxDifficulty(); difficulty++) {
            assertThat(sorting.generate(42, difficulty)).isEqualTo(sorting.generate(42, difficulty));
            Set<String> prompts = new HashSet<>();
            for (long i = 0; i < 1_000; i++) {
                prompts.add(sorting.generate(Split.EVAL.seed(5, i), difficulty).prompt());
            }
            assertThat(prompts).hasSizeGreaterThan(difficulty == 1 ? 800 : 990);
        }
    }

    @Test
    void listsGetLongerAndValuesWiderWithDifficulty() {
        int[] lengths = {4, 5, 6, 8, 10};
        long[] largest = {9, 99, 99, 999, 9999};
        for (int difficulty = 1; difficulty <= sorting.maxDifficulty(); difficulty++) {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (long i = 0; i < 2_000; i++) {
                Problem problem = sorting.generate(Split.TRAIN.seed(9, i), difficulty);
                long[] numbers = numbers(problem.prompt().substring(Sorting.PREFIX.length()));
                assertThat(numbers).hasSize(lengths[difficulty - 1]);
                assertThat(problem.prompt().substring(Sorting.PREFIX.length())).as("never already sorted")
                        .isNotEqualTo(problem.answer());
                for (long n : numbers) {
                    min = Math.min(min, n);
                    max = Math.max(max, n);
                }
            }
            long bound = largest[difficulty - 1];
            assertThat(max).isBetween(bound * 9 / 10, bound);
            if (difficulty <= 2) {
                assertThat(min).as("no negatives yet").isZero();
            } else {
                assertThat(min).isBetween(-bound, -bound * 9 / 10);
            }
        }
    }

    @Test
    void outOfRangeDifficultyIsRefused() {
        assertThatThrownBy(() -> sorting.generate(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sorting.generate(1, sorting.maxDifficulty() + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long[] numbers(String text) {
        return Arrays.stream(text.split(" ")).mapToLong(Long::parseLong).toArray();
    }

    private static String join(long[] numbers) {
        List<String> parts = new ArrayList<>();
        for (long n : numbers) {
            parts.add(Long.toString(n));
        }
        return String.join(" ", parts);
    }
}
