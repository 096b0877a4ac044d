package dev.distill.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    /** Plain numbers: no plus sign, no leading zeros, no trailing decimal zeros, no "-0". */
    private static final Pattern PLAIN = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d*[1-9])?");

    private final Comparison comparison = new Comparison();

    @Test
    void equalIntegerPartsLeaveItToTheDecimals() {
        Problem problem = new Problem("comparison", 1, 3, "Which is larger: 3.9 or 3.11?", "3.9");
        assertThat(comparison.solve(problem)).isEqualTo("""
                sign: neither is negative
                integer part: 3 = 3
                decimals: .90 vs .11, first difference 9 > 1
                so 3.9 is larger
                #### 3.9""");
    }

    @Test
    void twoNegativesCompareSizesTheOtherWayRound() {
        Problem problem = new Problem("comparison", 1, 4, "Which is larger: -3.9 or -3.11?", "-3.11");
        assertThat(comparison.solve(problem)).isEqualTo("""
                sign: both negative, so the smaller size is larger
                integer part: 3 = 3
                decimals: .90 vs .11, first difference 9 > 1
                so -3.11 is larger
                #### -3.11""");
    }

    @Test
    void signsOrIntegerPartsCanSettleItEarly() {
        assertThat(comparison.solve(new Problem("comparison", 1, 4, "Which is larger: -0.5 or 0?", "0")))
                .isEqualTo("sign: -0.5 is negative, 0 is not\nso 0 is larger\n#### 0");
        assertThat(comparison.solve(new Problem("comparison", 1, 2, "Which is larger: 347 or 385?", "385")))
                .isEqualTo("sign: neither is negative\ninteger part: 347 vs 385, first difference 4 < 8\n"
                        + "so 385 is larger\n#### 385");
        assertThat(comparison.solve(new Problem("comparison", 1, 1, "Which is larger: 9 or 12?", "12")))
                .isEqualTo("sign: neither is negative\ninteger part: 9 < 12, 1 digit vs 2\nso 12 is larger\n#### 12");
    }

    @Test
    void generatedProblemIsPinned() {
        Problem problem = comparison.generate(Split.TRAIN.seed(7, 0), 4);
        assertThat(problem.prompt()).isEqualTo("Which is larger: 0.9 or 0.663?");
        assertThat(comparison.solve(problem)).isEqualTo("""
                sign: neither is negative
                integer part: 0 = 0
                decimals: .900 vs .663, first difference 9 > 6
                so 0.9 is larger
                #### 0.9""");
    }

    @Test
    void everySolutionPassesItsOwnVerifierAndWrongAnswersFail() {
        for (int difficulty = 1; difficulty <= comparison.maxDifficulty(); difficulty++) {
            for (long i = 0; i < 10_000; i++) {
                Problem problem = comparison.generate(seed(i), difficulty);
                String[] numbers = numbers(problem);
                assertThat(numbers[0]).matches(PLAIN);
                assertThat(numbers[1]).matches(PLAIN);
                assertThat(numbers).doesNotContain("-0");
                int order = new BigDecimal(numbers[0]).compareTo(new BigDecimal(numbers[1]));
                assertThat(order).as(problem.prompt()).isNotZero();
                String smaller = order > 0 ? numbers[1] : numbers[0];
                assertThat(problem.answer()).isEqualTo(order > 0 ? numbers[0] : numbers[1]);
                String solution = comparison.solve(problem);
                assertThat(solution.substring(solution.lastIndexOf('\n') + 1)).isEqualTo("#### " + problem.answer());
                assertThat(comparison.verify(problem, solution)).as(problem.prompt()).isTrue();
                assertThat(comparison.verify(problem, solution.replace("#### " + problem.answer(), "#### " + smaller)))
                        .isFalse();
                String nudged = new BigDecimal(problem.answer()).add(new BigDecimal("0.001")).toPlainString();
                assertThat(comparison.verify(problem, solution.replace("#### " + problem.answer(), "#### " + nudged)))
                        .isFalse();
            }
        }
    }

    @Test
    void sameSeedSameProblemAndSeedsVary() {
        for (int difficulty = 1; difficulty <= comparison.maxDifficulty(); difficulty++) {
            assertThat(comparison.generate(42, difficulty)).isEqualTo(comparison.generate(42, difficulty));
            Set<String> prompts = new HashSet<>();
            for (long i = 0; i < 100; i++) {
                prompts.add(comparison.generate(seed(i), difficulty).prompt());
            }
            assertThat(prompts).hasSizeGreaterThan(difficulty == 1 ? 80 : 90);
        }
    }

    @Test
    void numbersGetLongerThenDecimalThenNegative() {
        int previousLongest = 0;
        for (int difficulty = 1; difficulty <= comparison.maxDifficulty(); difficulty++) {
            int longest = 0;
            int decimals = 0;
            int negatives = 0;
            int sameIntegerPart = 0;
            for (long i = 0; i < 2_000; i++) {
                String[] numbers = numbers(comparison.generate(seed(i), difficulty));
                for (String number : numbers) {
                    longest = Math.max(longest, number.replace("-", "").length());
                    decimals += number.contains(".") ? 1 : 0;
                    negatives += number.startsWith("-") ? 1 : 0;
                }
                sameIntegerPart += numbers[0].split("\\.")[0].equals(numbers[1].split("\\.")[0]) ? 1 : 0;
            }
            assertThat(longest).isGreaterThan(previousLongest);
            previousLongest = longest;
            assertThat(decimals > 0).isEqualTo(difficulty >= 3);
            assertThat(negatives > 0).isEqualTo(difficulty >= 4);
            if (difficulty >= 3) {
                assertThat(sameIntegerPart).as("pairs the decimals must decide").isGreaterThan(400);
            }
        }
    }

    @Test
    void outOfRangeDifficultyIsRefused() {
        assertThatThrownBy(() -> comparison.generate(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> comparison.generate(1, comparison.maxDifficulty() + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String[] numbers(Problem problem) {
        String prompt = problem.prompt();
        assertThat(prompt).startsWith("Which is larger: ").endsWith("?");
        return prompt.substring("Which is larger: ".length(), prompt.length() - 1).split(" or ");
    }

    /** Train and eval seeds alike. */
    private static long seed(long i) {
        return (i % 2 == 0 ? Split.TRAIN : Split.EVAL).seed(11, i);
    }
}
