package dev.distill.referenceteacher.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.referenceteacher.config.TeacherConfig;
import dev.distill.skills.FinalAnswer;
import dev.distill.skills.Problem;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import dev.distill.skills.Split;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Measures each configured version's error rate over 2000 addition prompts, as the curator would see it. */
@QuarkusTest
class TeacherErrorRateTest {

    private static final int PROMPTS = 2000;
    private static final Skill ADDITION = SkillSuite.builtIn().get("addition");

    @Inject
    TeacherAnswerer answerer;

    @Inject
    TeacherConfig config;

    @Test
    void v1IsWrongOnAboutFifteenPercent() {
        assertThat(config.errorRate().get("v1")).isEqualTo(0.15);
        assertThat(measuredErrorRate("v1", 0.15)).isCloseTo(0.15, org.assertj.core.data.Offset.offset(0.025));
    }

    @Test
    void v2IsWrongOnAboutFourPercent() {
        assertThat(config.errorRate().get("v2")).isEqualTo(0.04);
        assertThat(measuredErrorRate("v2", 0.04)).isCloseTo(0.04, org.assertj.core.data.Offset.offset(0.015));
    }

    @Test
    void aPerfectAndAHopelessVersionAreExact() {
        assertThat(measuredErrorRate("v0", 0.0)).isZero();
        assertThat(measuredErrorRate("vX", 1.0)).isEqualTo(1.0);
    }

    private double measuredErrorRate(String version, double rate) {
        int wrong = 0;
        for (int i = 0; i < PROMPTS; i++) {
            Problem problem = ADDITION.generate(Split.TRAIN.seed(42, i), 1 + i % 5);
            Answer answer = answerer.answer(problem.prompt(), version, rate);
            boolean verified = ADDITION.verify(problem, answer.text());
            assertThat(verified).isEqualTo(answer.outcome() == Answer.Outcome.CORRECT);
            if (!verified) {
                wrong++;
                assertRealisticMistake(problem, answer);
            }
        }
        return wrong / (double) PROMPTS;
    }

    /** A slip, not noise: the wrong final answer is off by a power of ten, the text still a worked solution. */
    private static void assertRealisticMistake(Problem problem, Answer answer) {
        BigInteger given = new BigInteger(FinalAnswer.extract(answer.text()).orElseThrow());
        BigInteger off = given.subtract(new BigInteger(problem.answer())).abs();
        assertThat(off.toString()).matches("10*");
        long lines = answer.text().lines().count();
        assertThat(lines).as("same columns, give or take a final carry line")
                .isBetween(answer.correctText().lines().count() - 1, answer.correctText().lines().count() + 1);
    }
}
