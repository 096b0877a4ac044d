package dev.distill.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CountingOccurrencesTest {

    private final CountingOccurrences counting = new CountingOccurrences();

    @Test
    void lettersAreWalkedThroughOneByOne() {
        Problem problem = new Problem("counting", 1, 1,
                "How many times does the letter 'a' appear in \"banana\"?", "3");
        assertThat(counting.solve(problem)).isEqualTo("""
                1 b: no, count 0
                2 a: yes, count 1
                3 n: no, count 1
                4 a: yes, count 2
                5 n: no, count 2
                6 a: yes, count 3
                #### 3""");
    }

    @Test
    void wordsAreWholeWords() {
        Problem problem = new Problem("counting", 1, 3,
                "How many times does the word \"a\" appear in \"a cat saw a dog\"?", "2");
        assertThat(counting.solve(problem)).isEqualTo("""
                1 a: yes, count 1
                2 cat: no, count 1
                3 saw: no, count 1
                4 a: yes, count 2
                5 dog: no, count 2
                #### 2""");
    }

    @Test
    void digitsAndAbsentTargets() {
        Problem digits = new Problem("counting", 1, 3, "How many times does the digit 7 appear in 70717?", "3");
        assertThat(counting.solve(digits)).isEqualTo("""
                1 7: yes, count 1
                2 0: no, count 1
                3 7: yes, count 2
                4 1: no, count 2
                5 7: yes, count 3
                #### 3""");
        Problem absent = new Problem("counting", 1, 1, "How many times does the letter 'z' appear in \"egg\"?", "0");
        assertThat(counting.solve(absent)).isEqualTo("1 e: no, count 0\n2 g: no, count 0\n3 g: no, count 0\n#### 0");
    }

    @Test
    void generatedPromptsReadAsExpected() {
        assertThat(counting.generate(4, 1)).isEqualTo(new Problem("counting", 4, 1,
                "How many times does the letter 'l' appear in \"hello\"?", "2"));
        assertThat(counting.generate(1, 2).prompt())
                .isEqualTo("How many times does the letter 'l' appear in \"sleepless\"?");
        assertThat(counting.generate(4, 3)).isEqualTo(new Problem("counting", 4, 3,
                "How many times does the word \"a\" appear in \"a cat met a dog and the fox liked a cow\"?", "3"));
        assertThat(counting.generate(3, 4)).isEqualTo(new Problem("counting", 3, 4,
                "How many times does the digit 5 appear in 5155487458556?", "6"));
    }

    @Test
    void everySolutionPassesItsOwnVerifierAndWrongAnswersFail() {
        for (int difficulty = 1; difficulty <= counting.maxDifficulty(); difficulty++) {
            for (long i = 0; i < 10_000; i++) {
                Problem problem = counting.generate(Split.TRAIN.seed(7, i), difficulty);
                String solution = counting.solve(problem);
                assertThat(counting.verify(problem, solution)).as(problem.prompt()).isTrue();
                assertThat(solution).endsWith("\n#### " + problem.answer());
                long wrong = Long.parseLong(problem.answer()) + 1;
                assertThat(counting.verify(problem, solution.replace("#### " + problem.answer(), "#### " + wrong)))
                        .isFalse();
            }
        }
    }

    @Test
    void sameSeedSameProblemAndSeedsVary() {
        for (int difficulty = 1; difficulty <= counting.maxDifficulty(); difficulty++) {
            assertThat(counting.generate(42, difficulty)).isEqualTo(counting.generate(42, difficulty));
            Set<String> prompts = new HashSet<>();
            for (long i = 0; i < 1_000; i++) {
                prompts.add(counting.generate(Split.EVAL.seed(5, i), difficulty).prompt());
            }
            assertThat(prompts).hasSizeGreaterThan(difficulty <= 2 ? 400 : 990);
        }
    }

    @Test
    void thereAreMorePositionsToWalkAtHigherDifficulty() {
        int[] least = {3, 7, 8, 13, 18};
        int[] most = {6, 12, 15, 23, 31};
        double previousMean = 0;
        for (int difficulty = 1; difficulty <= counting.maxDifficulty(); difficulty++) {
            long total = 0;
            int words = 0;
            int digits = 0;
            for (long i = 0; i < 2_000; i++) {
                Problem problem = counting.generate(Split.EVAL.seed(9, i), difficulty);
                int positions = counting.solve(problem).split("\n").length - 1;
                assertThat(positions).as(problem.prompt()).isBetween(least[difficulty - 1], most[difficulty - 1]);
                total += positions;
                words += problem.prompt().contains("the word") ? 1 : 0;
                digits += problem.prompt().contains("the digit") ? 1 : 0;
            }
            double mean = total / 2_000.0;
            assertThat(mean).isGreaterThan(previousMean);
            previousMean = mean;
            if (difficulty <= 2) {
                assertThat(words + digits).as("letters only").isZero();
            } else {
                assertThat(words).isBetween(800, 1_200);
                assertThat(digits).isBetween(800, 1_200);
            }
        }
    }

    @Test
    void outOfRangeDifficultyIsRefused() {
        assertThatThrownBy(() -> counting.generate(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> counting.generate(1, counting.maxDifficulty() + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> counting.solve(new Problem("counting", 1, 1, "What is 2 + 2?", "4")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
