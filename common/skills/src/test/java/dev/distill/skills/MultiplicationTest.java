package dev.distill.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MultiplicationTest {

    private final Multiplication multiplication = new Multiplication();

    @Test
    void workedStepsAreOnePartialProductPerDigitThenTheirSum() {
        Problem problem = new Problem("multiplication", 1, 3, "What is 347 * 285?", "98895");
        assertThat(multiplication.solve(problem)).isEqualTo("""
                347*5=1735
                347*80=27760
                347*200=69400
                1735+27760+69400=98895
                #### 98895""");
    }

    @Test
    void zeroDigitsAreSkippedAndASingleDigitNeedsNoSum() {
        assertThat(multiplication.solve(new Problem("multiplication", 1, 2, "What is 64 * 307?", "19648")))
                .isEqualTo("64*7=448\n64*300=19200\n448+19200=19648\n#### 19648");
        assertThat(multiplication.solve(new Problem("multiplication", 1, 1, "What is 12 * 7?", "84")))
                .isEqualTo("12*7=84\n#### 84");
    }

    @Test
    void generatedProblemIsPinned() {
        Problem problem = multiplication.generate(Split.TRAIN.seed(7, 0), 4);
        assertThat(problem.prompt()).isEqualTo("What is 713 * 531?");
        assertThat(multiplication.solve(problem))
                .isEqualTo("713*1=713\n713*30=21390\n713*500=356500\n713+21390+356500=378603\n#### 378603");
    }

    @Test
    void everySolutionPassesItsOwnVerifierAndWrongAnswersFail() {
        for (int difficulty = 1; difficulty <= multiplication.maxDifficulty(); difficulty++) {
            for (long i = 0; i < 10_000; i++) {
                Problem problem = multiplication.generate(seed(i), difficulty);
                long[] operands = operands(problem);
                assertThat(problem.answer()).isEqualTo(Long.toString(operands[0] * operands[1]));
                String solution = multiplication.solve(problem);
                assertThat(solution.substring(solution.lastIndexOf('\n') + 1)).isEqualTo("#### " + problem.answer());
                assertThat(multiplication.verify(problem, solution)).as(problem.prompt()).isTrue();
                long wrong = Long.parseLong(problem.answer()) + 1;
                assertThat(multiplication.verify(problem,
                        solution.replace("#### " + problem.answer(), "#### " + wrong))).isFalse();
            }
        }
    }

    @Test
    void sameSeedSameProblemAndSeedsVary() {
        for (int difficulty = 1; difficulty <= multiplication.maxDifficulty(); difficulty++) {
            assertThat(multiplication.generate(42, difficulty)).isEqualTo(multiplication.generate(42, difficulty));
            Set<String> prompts = new HashSet<>();
            for (long i = 0; i < 100; i++) {
                prompts.add(multiplication.generate(seed(i), difficulty).prompt());
            }
            assertThat(prompts).hasSizeGreaterThan(difficulty == 1 ? 50 : 90);
        }
    }

    @Test
    void operandsGrowWithDifficulty() {
        int[] expectedDigitsOfProduct = {3, 5, 6, 7, 9};
        int previousTotal = 0;
        for (int difficulty = 1; difficulty <= multiplication.maxDifficulty(); difficulty++) {
            int total = 0;
            int longestAnswer = 0;
            for (long i = 0; i < 2_000; i++) {
                Problem problem = multiplication.generate(seed(i), difficulty);
                long[] operands = operands(problem);
                assertThat(operands[0]).isGreaterThanOrEqualTo(2);
                assertThat(operands[1]).isGreaterThanOrEqualTo(2);
                total += Long.toString(operands[0]).length() + Long.toString(operands[1]).length();
                longestAnswer = Math.max(longestAnswer, problem.answer().length());
            }
            assertThat(total).isGreaterThan(previousTotal);
            assertThat(longestAnswer).isEqualTo(expectedDigitsOfProduct[difficulty - 1]);
            previousTotal = total;
        }
    }

    @Test
    void outOfRangeDifficultyIsRefused() {
        assertThatThrownBy(() -> multiplication.generate(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> multiplication.generate(1, multiplication.maxDifficulty() + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long[] operands(Problem problem) {
        String[] parts = problem.prompt().substring(8, problem.prompt().length() - 1).split(" \\* ");
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }

    /** Train and eval seeds alike. */
    private static long seed(long i) {
        return (i % 2 == 0 ? Split.TRAIN : Split.EVAL).seed(11, i);
    }
}
