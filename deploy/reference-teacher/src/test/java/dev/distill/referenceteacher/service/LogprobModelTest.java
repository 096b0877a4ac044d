package dev.distill.referenceteacher.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.skills.Problem;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogprobModelTest {

    private static final Skill ADDITION = SkillSuite.builtIn().get("addition");
    private static final AdditionRecognizer RECOGNIZER = new AdditionRecognizer();

    @Test
    void correctAnswersAreConfident() {
        Problem problem = RECOGNIZER.recognise("What is 478 + 256?").orElseThrow();
        Answer answer = new Answer(ADDITION.solve(problem), Answer.Outcome.CORRECT, "addition", null);
        List<ScoredToken> scored = LogprobModel.score(answer, "v1", problem.prompt(), 4);
        assertThat(scored).allSatisfy(t -> {
            assertThat(t.logprob()).isBetween(-0.2, -0.01);
            assertThat(t.top().get(0).token()).isEqualTo(t.token());
            assertThat(t.top()).hasSize(4);
        });
    }

    @Test
    void wrongAnswersAreUnsureWhereTheyGoWrongAndOfferTheRightDigit() {
        Problem problem = RECOGNIZER.recognise("What is 478 + 256?").orElseThrow();
        // misread 478 as 479: the ones column and the final answer change
        Problem misread = RECOGNIZER.recognise("What is 479 + 256?").orElseThrow();
        String correct = ADDITION.solve(problem);
        String wrong = ADDITION.solve(misread);
        List<ScoredToken> scored = LogprobModel.score(new Answer(wrong, Answer.Outcome.WRONG, "addition", correct),
                "v1", problem.prompt(), 3);
        int unsure = 0;
        for (int i = 0; i < scored.size(); i++) {
            ScoredToken token = scored.get(i);
            if (wrong.charAt(i) != correct.charAt(i)) {
                unsure++;
                assertThat(token.logprob()).isLessThan(-0.69);
                assertThat(token.top()).extracting(ScoredToken.Alternative::token).contains(String.valueOf(correct.charAt(i)));
            } else {
                assertThat(token.logprob()).isGreaterThanOrEqualTo(-0.2);
            }
        }
        assertThat(unsure).isGreaterThanOrEqualTo(2); // at least the first step's sum and the final answer
    }

    @Test
    void twentyAlternativesExistForEveryToken() {
        Answer answer = new Answer(TeacherAnswerer.UNRECOGNISED_REPLY, Answer.Outcome.UNRECOGNISED, null, null);
        for (ScoredToken token : LogprobModel.score(answer, "v2", "hello", 20)) {
            assertThat(token.top()).hasSize(20);
            assertThat(token.top().stream().map(ScoredToken.Alternative::token).distinct()).hasSize(20);
            assertThat(token.top().stream().mapToDouble(a -> Math.exp(a.logprob())).sum()).isLessThanOrEqualTo(1.0);
        }
    }

    @Test
    void anAnswerTheTeacherTrailsOffInIsVisiblyLessConfident() {
        Problem problem = RECOGNIZER.recognise("What is 478 + 256?").orElseThrow();
        Answer answer = new Answer(ADDITION.solve(problem), Answer.Outcome.CORRECT, "addition", null);
        List<ScoredToken> full = LogprobModel.score(answer, "v1", problem.prompt(), 5);
        int keep = full.size() / 2;
        List<ScoredToken> cut = LogprobModel.scoreTrailingOff(answer, "v1", problem.prompt(), 5, keep);
        assertThat(cut).hasSize(keep);
        for (int i = 0; i < keep; i++) {
            assertThat(cut.get(i).token()).isEqualTo(full.get(i).token());
            assertThat(cut.get(i).logprob()).isLessThanOrEqualTo(full.get(i).logprob() - LogprobModel.FADE_START);
            assertThat(cut.get(i).top()).hasSize(5);
            assertThat(cut.get(i).top().stream().mapToDouble(a -> Math.exp(a.logprob())).sum()).isLessThanOrEqualTo(1.0);
        }
        assertThat(cut.get(keep - 1).logprob()).as("least sure at the cut").isLessThan(cut.get(0).logprob() - 0.5);
        assertThat(mean(cut)).isLessThan(mean(full.subList(0, keep)) - 0.7);
    }

    private static double mean(List<ScoredToken> tokens) {
        return tokens.stream().mapToDouble(ScoredToken::logprob).average().orElseThrow();
    }
}
