package dev.distill.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SkillSuiteTest {

    @Test
    void theBuiltInSuiteHasEveryVerifiableSkillAndEachSolvesItsOwnProblems() {
        SkillSuite suite = SkillSuite.builtIn();
        assertThat(suite.names()).containsExactly("addition", "subtraction", "multiplication", "sorting", "counting",
                "comparison", "modular-arithmetic", "word-problems");
        for (String name : suite.names()) {
            Skill skill = suite.get(name);
            assertThat(skill.name()).isEqualTo(name);
            for (int difficulty = 1; difficulty <= skill.maxDifficulty(); difficulty++) {
                Problem problem = skill.generate(Split.EVAL.seed(7, difficulty), difficulty);
                assertThat(problem.skill()).isEqualTo(name);
                assertThat(skill.verify(problem, skill.solve(problem))).as(name + " d" + difficulty).isTrue();
            }
        }
        assertThatThrownBy(() -> suite.get("chess")).hasMessageContaining("unknown skill 'chess'");
    }
}
