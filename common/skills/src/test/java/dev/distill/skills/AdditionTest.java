package dev.distill.skills;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdditionTest {

    private final Addition addition = new Addition();

    @Test
    void workedStepsCarryColumnByColumnAndEndWithTheAnswer() {
        Problem problem = new Problem("addition", 1, 2, "What is 347 + 285?", "632");
        assertThat(addition.solve(problem)).isEqualTo("7+5=12 carry 1\n4+8+1=13 carry 1\n3+2+1=6\n#### 632");
    }

    @Test
    void finalCarryGetsItsOwnLine() {
        Problem problem = new Problem("addition", 1, 2, "What is 95 + 7?", "102");
        assertThat(addition.solve(problem)).isEqualTo("5+7=12 carry 1\n9+1=10 carry 1\ncarry 1\n#### 102");
    }

    @Test
    void everySolutionPassesItsOwnVerifierAndWrongAnswersFail() {
        for (int difficulty = 1; difficulty <= addition.maxDifficulty(); difficulty++) {
            for (long i = 0; i < 10_000; i++) {
                Problem problem = addition.generate(Split.TRAIN.seed(7, i), difficulty);
                String solution = addition.solve(problem);
                assertThat(addition.verify(problem, solution)).as(problem.prompt()).isTrue();
                long wrong = Long.parseLong(problem.answer()) + 1;
                assertThat(addition.verify(problem, solution.replace("#### " + problem.answer(), "#### " + wrong)))
                        .isFalse();
            }
        }
    }

    @Test
    void sameSeedSameProblem() {
        assertThat(addition.generate(42, 3)).isEqualTo(addition.generate(42, 3));
    }

    @Test
    void trainAndEvalSeedsAreDisjoint() {
        for (long i = 0; i < 10_000; i++) {
            assertThat(Split.ofSeed(Split.TRAIN.seed(3, i))).isEqualTo(Split.TRAIN);
            assertThat(Split.ofSeed(Split.EVAL.seed(3, i))).isEqualTo(Split.EVAL);
        }
    }

    @Test
    void finalAnswerIsTheTextAfterTheLastMarker() {
        assertThat(FinalAnswer.extract("#### 1\nmore\n#### 42 \n")).contains("42");
        assertThat(FinalAnswer.extract("no marker")).isEmpty();
        assertThat(Verifiers.finalAnswerMatches("1000", "#### 1,000")).isTrue();
        assertThat(Verifiers.finalAnswerMatches("7", "#### 7.0")).isTrue();
        assertThat(Verifiers.finalAnswerMatches("7", "#### 8")).isFalse();
    }
}
