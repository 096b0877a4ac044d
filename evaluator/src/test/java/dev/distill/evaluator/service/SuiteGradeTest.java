package dev.distill.evaluator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distill.skills.Problem;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Accuracy by the suite's checks and agreement with the teacher's answers, on scripted completions. */
class SuiteGradeTest {

    private static EvalSuite.Item item(String id, String skill, String reference, String verifier) {
        return new EvalSuite.Item(id, skill, "question " + id, ReferenceCheck.of(reference, verifier));
    }

    @Test
    void theVerifiersJudgeAsTheCuratorDoes() {
        ReferenceCheck finalAnswer = ReferenceCheck.of("1,000", "final-answer");
        assertThat(finalAnswer.accepts("so\n#### 1000.0")).isTrue();
        assertThat(finalAnswer.accepts("1000")).isFalse(); // no #### line
        ReferenceCheck exact = ReferenceCheck.of("Paris  de France", "exact");
        assertThat(exact.accepts("  Paris\nde\tFrance ")).isTrue(); // the whole completion without ####
        assertThat(exact.accepts("thinking\n#### Paris de France")).isTrue();
        assertThat(exact.accepts("#### paris de france")).isFalse();
        ReferenceCheck regex = ReferenceCheck.of("^x\\s*=\\s*42$", "regex");
        assertThat(regex.accepts("so\n#### x = 42")).isTrue();
        assertThat(regex.accepts("#### x = 43")).isFalse();
        assertThatThrownBy(() -> ReferenceCheck.of("x", "fuzzy")).hasMessageContaining("final-answer, exact, regex");
    }

    @Test
    void accuracyAndAgreementArePerSkillAndOverall() {
        List<EvalSuite.Item> items = List.of(
                item("a", "math", "7", "final-answer"),
                item("b", "math", "8", "final-answer"),
                item("c", "math", "9", "final-answer"),
                item("d", "geo", "Paris", "exact"));
        List<String> student = List.of("#### 7", "#### 5", "no answer", "Paris");
        Map<String, String> teacher = Map.of(
                "a", "3 + 4\n#### 7.0", // right, same as the student's (numerically)
                "b", "#### 5", // wrong, but the same as the student's: agreement is not accuracy
                "c", "#### 9", // the student gave no answer: no agreement
                "d", "Lyon"); // different

        SuiteGrade grade = SuiteGrade.of(items, student, teacher);

        assertThat(grade.prompts()).isEqualTo(4);
        assertThat(grade.accuracy()).isEqualTo(0.5);
        assertThat(grade.perSkill()).isEqualTo(Map.of("math", 1.0 / 3, "geo", 1.0));
        assertThat(grade.agreement()).isEqualTo(0.5);
        assertThat(grade.perSkillAgreement()).isEqualTo(Map.of("math", 2.0 / 3, "geo", 0.0));

        SuiteGrade alone = SuiteGrade.of(items, student, null);
        assertThat(alone.accuracy()).isEqualTo(0.5);
        assertThat(alone.agreement()).isNull();
        assertThat(alone.perSkillAgreement()).isNull();
    }

    @Test
    void aBuiltInProblemIsJudgedByItsSkill() {
        Skill addition = SkillSuite.builtIn().get("addition");
        Problem problem = addition.generate(1, 1);
        SkillCheck check = new SkillCheck(addition, problem);
        assertThat(check.accepts(addition.solve(problem))).isTrue();
        assertThat(check.accepts("#### " + problem.answer() + "1")).isFalse();
        assertThat(check.agree(addition.solve(problem), "#### " + problem.answer())).isTrue();
    }

    @Test
    void theDigestChangesWithThePromptsAndTheirAnswers() {
        EvalSuite one = new EvalSuite("s", EvalSuite.CUSTOM, java.time.Instant.EPOCH, List.of(item("a", "m", "7", "exact")));
        EvalSuite same = new EvalSuite("s", EvalSuite.CUSTOM, java.time.Instant.now(), List.of(item("a", "m", "7", "exact")));
        EvalSuite other = new EvalSuite("s", EvalSuite.CUSTOM, java.time.Instant.EPOCH, List.of(item("a", "m", "8", "exact")));
        assertThat(one.digest()).isEqualTo(same.digest()).isNotEqualTo(other.digest());
    }
}
