package dev.distill.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubtractionTest {

    private final Subtraction subtraction = new Subtraction();

    @Test
    void workedStepsBorrowColumnByColumnAndEndWithTheAnswer() {
        Problem problem = new Problem("subtraction", 1, 2, "What is 532 - 187?", "345");
        assertThat(subtraction.solve(problem)).isEqualTo("12-7=5 borrow 1\n13-8-1=4 borrow 1\n5-1-1=3\n#### 345");
    }

    @Test
    void borrowRunsThroughZerosAndColumnsWithoutASecondDigit() {
        Problem problem = new Problem("subtraction", 1, 3, "What is 1000 - 7?", "993");
        assertThat(subtraction.solve(problem))
                .isEqualTo("10-7=3 borrow 1\n10-1=9 borrow 1\n10-1=9 borrow 1\n1-1=0\n#### 993");
    }

    @Test
    void aNegativeResultTurnsTheProblemRoundAndPutsTheSignBack() {
        Problem problem = new Problem("subtraction", 1, 3, "What is 285 - 347?", "-62");
        assertThat(subtraction.solve(problem)).isEqualTo("""
                285<347, so 285-347=-(347-285)
                7-5=2
                14-8=6 borrow 1
                3-2-1=0
                347-285=62, so 285-347=-62
                #### -62""");
    }

    @Test
    void generatedProblemIsPinned() {
        Problem problem = subtraction.generate(Split.TRAIN.seed(7, 0), 5);
        assertThat(problem.prompt()).isEqualTo("What is 83 - 83331?");
        assertThat(problem.answer()).isEqualTo("-83248");
        assertThat(subtraction.solve(problem)).isEqualTo("""
                83<83331, so 83-83331=-(83331-83)
                11-3=8 borrow 1
                13-8-1=4 borrow 1
                3-1=2
                3=3
                8=8
                83331-83=83248, so 83-83331=-83248
                #### -83248""");
    }

    @Test
    void everySolutionPassesItsOwnVerifierAndWrongAnswersFail() {
        for (int difficulty = 1; difficulty <= subtraction.maxDifficulty(); difficulty++) {
            for (long i = 0; i < 10_000; i++) {
                Problem problem = subtraction.generate(seed(i), difficulty);
                String[] operands = problem.prompt().substring(8, problem.prompt().length() - 1).split(" - ");
                assertThat(problem.answer())
                        .isEqualTo(Long.toString(Long.parseLong(operands[0]) - Long.parseLong(operands[1])));
                String solution = subtraction.solve(problem);
                assertThat(solution.substring(solution.lastIndexOf('\n') + 1)).isEqualTo("#### " + problem.answer());
                assertThat(subtraction.verify(problem, solution)).as(problem.prompt()).isTrue();
                long wrong = Long.parseLong(problem.answer()) + 1;
                assertThat(subtraction.verify(problem, solution.replace("#### " + problem.answer(), "#### " + wrong)))
                        .isFalse();
            }
        }
    }

    @Test
    void sameSeedSameProblemAndSeedsVary() {
        for (int difficulty = 1; difficulty <= subtraction.maxDifficulty(); difficulty++) {
            assertThat(subtraction.generate(42, difficulty)).isEqualTo(subtraction.generate(42, difficulty));
            Set<String> prompts = new HashSet<>();
            for (long i = 0; i < 100; i++) {
                prompts.add(subtraction.generate(seed(i), difficulty).prompt());
            }
            assertThat(prompts).hasSizeGreaterThan(difficulty == 1 ? 50 : 90);
        }
    }

    @Test
    void operandsGrowWithDifficultyAndNegativeResultsComeOnlyFromDifficultyThree() {
        int previousLongest = 0;
        for (int difficulty = 1; difficulty <= subtraction.maxDifficulty(); difficulty++) {
            int longest = 0;
            int negatives = 0;
            for (long i = 0; i < 2_000; i++) {
                Problem problem = subtraction.generate(seed(i), difficulty);
                for (String operand : problem.prompt().substring(8, problem.prompt().length() - 1).split(" - ")) {
                    longest = Math.max(longest, operand.length());
                }
                negatives += problem.answer().startsWith("-") ? 1 : 0;
            }
            assertThat(longest).isEqualTo(difficulty + 1).isGreaterThan(previousLongest);
            if (difficulty <= 2) {
                assertThat(negatives).isZero();
            } else {
                assertThat(negatives).isGreaterThan(500);
            }
            previousLongest = longest;
        }
    }

    @Test
    void outOfRangeDifficultyIsRefused() {
        assertThatThrownBy(() -> subtraction.generate(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> subtraction.generate(1, subtraction.maxDifficulty() + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Train and eval seeds alike. */
    private static long seed(long i) {
        return (i % 2 == 0 ? Split.TRAIN : Split.EVAL).seed(11, i);
    }
}
