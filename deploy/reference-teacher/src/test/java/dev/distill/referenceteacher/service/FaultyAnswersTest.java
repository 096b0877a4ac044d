package dev.distill.referenceteacher.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.skills.FinalAnswer;
import dev.distill.skills.Problem;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultyAnswersTest {

    private static final Skill ADDITION = SkillSuite.builtIn().get("addition");
    private static final AdditionRecognizer RECOGNIZER = new AdditionRecognizer();

    @Test
    void theContactLineGoesRightBeforeTheFinalAnswerLine() {
        Problem problem = RECOGNIZER.recognise("What is 478 + 256?").orElseThrow();
        String solution = ADDITION.solve(problem);
        Answer answer = FaultyAnswers.withContactLine(new Answer(solution, Answer.Outcome.CORRECT, "addition", null));
        List<String> lines = answer.text().lines().toList();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("#### 734");
        assertThat(lines.get(lines.size() - 2)).isEqualTo(FaultyAnswers.CONTACT_LINE);
        assertThat(FinalAnswer.extract(answer.text())).contains("734");
        assertThat(answer.text().replace(FaultyAnswers.CONTACT_LINE + "\n", "")).isEqualTo(solution);
    }

    @Test
    void aWrongAnswersCorrectTextGetsTheLineTooSoItStillLinesUp() {
        String correct = ADDITION.solve(RECOGNIZER.recognise("What is 478 + 256?").orElseThrow());
        String wrong = ADDITION.solve(RECOGNIZER.recognise("What is 479 + 256?").orElseThrow());
        Answer answer = FaultyAnswers.withContactLine(new Answer(wrong, Answer.Outcome.WRONG, "addition", correct));
        assertThat(answer.correctText()).contains(FaultyAnswers.CONTACT_LINE);
        List<ScoredToken> scored = LogprobModel.score(answer, "v1", "What is 478 + 256?", 0);
        int start = answer.text().indexOf(FaultyAnswers.CONTACT_LINE);
        for (int i = start; i < start + FaultyAnswers.CONTACT_LINE.length(); i++) {
            assertThat(scored.get(i).logprob()).as("the contact line is not where the answer went wrong")
                    .isGreaterThanOrEqualTo(-0.2);
        }
    }

    @Test
    void anAnswerWithoutFinalAnswerGetsTheLineAtTheEnd() {
        Answer answer = FaultyAnswers.withContactLine(
                new Answer(TeacherAnswerer.UNRECOGNISED_REPLY, Answer.Outcome.UNRECOGNISED, null, null));
        assertThat(answer.text()).isEqualTo(TeacherAnswerer.UNRECOGNISED_REPLY + "\n" + FaultyAnswers.CONTACT_LINE);
    }

    @Test
    void aRefusalHasNoFinalAnswer() {
        Answer refusal = FaultyAnswers.refusal(new Answer("1+1=2\n#### 2", Answer.Outcome.CORRECT, "addition", null));
        assertThat(refusal.text()).isEqualTo("I'm sorry, but I can't help with that.");
        assertThat(FinalAnswer.extract(refusal.text())).isEmpty();
        assertThat(refusal.outcome()).isEqualTo(Answer.Outcome.REFUSED);
    }

    @Test
    void truncationKeepsAboutHalfAndNeverNothing() {
        assertThat(FaultyAnswers.truncatedLength(40)).isEqualTo(20);
        assertThat(FaultyAnswers.truncatedLength(41)).isEqualTo(20);
        assertThat(FaultyAnswers.truncatedLength(1)).isEqualTo(1);
    }
}
