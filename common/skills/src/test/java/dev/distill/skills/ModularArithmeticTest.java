package dev.distill.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ModularArithmeticTest {

    private static final Pattern PROMPT =
            Pattern.compile("What is (?:(\\d+)|\\((\\d+) ([+*]) (\\d+)\\)) mod (\\d+)\\?");

    private final ModularArithmetic modular = new ModularArithmetic();

    @Test
    void aSingleReductionShowsTheDivision() {
        assertThat(modular.solve(new Problem("modular-arithmetic", 1, 2, "What is 347 mod 28?", "11")))
                .isEqualTo("347 mod 28: 28*12=336, 347-336=11\n#### 11");
        assertThat(modular.solve(new Problem("modular-arithmetic", 1, 1, "What is 5 mod 9?", "5")))
                .isEqualTo("5 mod 9: 5<9, so 5\n#### 5");
    }

    @Test
    void aProductReducesEachOperandThenTheProductOfTheRemainders() {
        Problem problem = new Problem("modular-arithmetic", 1, 4, "What is (347 * 285) mod 28?", "27");
        assertThat(modular.solve(problem)).isEqualTo("""
                347 mod 28: 28*12=336, 347-336=11
                285 mod 28: 28*10=280, 285-280=5
                11*5=55
                55 mod 28: 28*1=28, 55-28=27
                #### 27""");
    }

    @Test
    void aSumReducesTheSameWay() {
        Problem problem = new Problem("modular-arithmetic", 1, 3, "What is (15 + 9) mod 28?", "24");
        assertThat(modular.solve(problem)).isEqualTo("""
                15 mod 28: 15<28, so 15
                9 mod 28: 9<28, so 9
                15+9=24
                24 mod 28: 24<28, so 24
                #### 24""");
    }

    @Test
    void generatedProblemIsPinned() {
        Problem problem = modular.generate(Split.TRAIN.seed(7, 0), 5);
        assertThat(problem.prompt()).isEqualTo("What is (770 + 39465) mod 185?");
        assertThat(modular.solve(problem)).isEqualTo("""
                770 mod 185: 185*4=740, 770-740=30
                39465 mod 185: 185*213=39405, 39465-39405=60
                30+60=90
                90 mod 185: 90<185, so 90
                #### 90""");
    }

    @Test
    void everySolutionPassesItsOwnVerifierAndWrongAnswersFail() {
        for (int difficulty = 1; difficulty <= modular.maxDifficulty(); difficulty++) {
            for (long i = 0; i < 10_000; i++) {
                Problem problem = modular.generate(seed(i), difficulty);
                assertThat(problem.answer()).isEqualTo(Long.toString(expected(problem.prompt())));
                String solution = modular.solve(problem);
                assertThat(solution.substring(solution.lastIndexOf('\n') + 1)).isEqualTo("#### " + problem.answer());
                assertThat(modular.verify(problem, solution)).as(problem.prompt()).isTrue();
                long wrong = Long.parseLong(problem.answer()) + 1;
                assertThat(modular.verify(problem, solution.replace("#### " + problem.answer(), "#### " + wrong)))
                        .isFalse();
            }
        }
    }

    @Test
    void sameSeedSameProblemAndSeedsVary() {
        for (int difficulty = 1; difficulty <= modular.maxDifficulty(); difficulty++) {
            assertThat(modular.generate(42, difficulty)).isEqualTo(modular.generate(42, difficulty));
            Set<String> prompts = new HashSet<>();
            for (long i = 0; i < 100; i++) {
                prompts.add(modular.generate(seed(i), difficulty).prompt());
            }
            assertThat(prompts).hasSizeGreaterThan(90);
        }
    }

    @Test
    void difficultyMovesFromOneNumberToSumsAndProductsOfLargerNumbers() {
        long previousLargestModulus = 0;
        for (int difficulty = 1; difficulty <= modular.maxDifficulty(); difficulty++) {
            Set<String> shapes = new HashSet<>();
            long largestModulus = 0;
            long largestOperand = 0;
            for (long i = 0; i < 2_000; i++) {
                Matcher m = match(modular.generate(seed(i), difficulty).prompt());
                shapes.add(m.group(1) != null ? "mod" : m.group(3));
                largestModulus = Math.max(largestModulus, Long.parseLong(m.group(5)));
                largestOperand = Math.max(largestOperand, Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2)));
            }
            switch (difficulty) {
                case 1 -> assertThat(shapes).containsExactly("mod");
                case 2 -> assertThat(shapes).containsExactly("mod");
                case 3 -> assertThat(shapes).containsExactly("+");
                case 4 -> assertThat(shapes).containsExactly("*");
                default -> assertThat(shapes).containsExactlyInAnyOrder("+", "*");
            }
            int[] expectedLargestOperandDigits = {2, 4, 3, 3, 5};
            assertThat(Long.toString(largestOperand)).hasSize(expectedLargestOperandDigits[difficulty - 1]);
            assertThat(largestModulus).isGreaterThanOrEqualTo(previousLargestModulus);
            previousLargestModulus = largestModulus;
        }
        assertThat(previousLargestModulus).isGreaterThan(99);
    }

    @Test
    void outOfRangeDifficultyIsRefused() {
        assertThatThrownBy(() -> modular.generate(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> modular.generate(1, modular.maxDifficulty() + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long expected(String prompt) {
        Matcher m = match(prompt);
        long modulus = Long.parseLong(m.group(5));
        assertThat(modulus).isGreaterThanOrEqualTo(2);
        if (m.group(1) != null) {
            return Long.parseLong(m.group(1)) % modulus;
        }
        long a = Long.parseLong(m.group(2));
        long b = Long.parseLong(m.group(4));
        return (m.group(3).equals("*") ? a * b : a + b) % modulus;
    }

    private static Matcher match(String prompt) {
        Matcher m = PROMPT.matcher(prompt);
        assertThat(m.matches()).as(prompt).isTrue();
        return m;
    }

    /** Train and eval seeds alike. */
    private static long seed(long i) {
        return (i % 2 == 0 ? Split.TRAIN : Split.EVAL).seed(11, i);
    }
}
