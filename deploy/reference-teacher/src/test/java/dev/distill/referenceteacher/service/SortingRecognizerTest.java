package dev.distill.referenceteacher.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.skills.Problem;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import dev.distill.skills.Split;
import org.junit.jupiter.api.Test;

class SortingRecognizerTest {

    private static final int PROBLEMS = 2000;
    private static final SkillSuite SUITE = SkillSuite.builtIn();
    private static final Skill SORTING = SUITE.get("sorting");
    private final SortingRecognizer recognizer = new SortingRecognizer();

    @Test
    void namesTheSkill() {
        assertThat(recognizer.skill()).isEqualTo(SORTING.name());
    }

    @Test
    void recognisesEveryGeneratedPromptAsTheSameProblem() {
        for (int d = 1; d <= SORTING.maxDifficulty(); d++) {
            for (int i = 0; i < PROBLEMS; i++) {
                Problem generated = SORTING.generate(Split.EVAL.seed(d, i), d);
                Problem read = recognizer.recognise(" " + generated.prompt() + "\n").orElseThrow();
                assertThat(read.prompt()).isEqualTo(generated.prompt());
                assertThat(read.answer()).isEqualTo(generated.answer());
                assertThat(read.skill()).isEqualTo(SORTING.name());
                assertThat(read.difficulty()).isEqualTo(d);
                assertThat(SORTING.verify(read, SORTING.solve(read))).isTrue();
            }
        }
    }

    @Test
    void aSlipMisreadsOneDigitAndChangesTheAnswer() {
        for (int d = 1; d <= SORTING.maxDifficulty(); d++) {
            for (long i = 0; i < PROBLEMS; i++) {
                Problem problem = SORTING.generate(Split.TRAIN.seed(d, i), d);
                Problem slipped = recognizer.slip(problem, i * 0x9E3779B97F4A7C15L + d);
                assertThat(slipped.answer()).isNotEqualTo(problem.answer());
                String solution = SORTING.solve(slipped);
                assertThat(SORTING.verify(slipped, solution)).isTrue();
                assertThat(SORTING.verify(problem, solution)).isFalse();
                assertThat(recognizer.recognise(slipped.prompt())).contains(slipped);
                assertThat(slipped.prompt()).hasSameSizeAs(problem.prompt());
                int differing = 0;
                for (int c = 0; c < problem.prompt().length(); c++) {
                    differing += problem.prompt().charAt(c) != slipped.prompt().charAt(c) ? 1 : 0;
                }
                assertThat(differing).isEqualTo(1);
            }
        }
    }

    @Test
    void slipsOfEdgeNumbersStayWellFormed() {
        for (String prompt : new String[] {"Sort in ascending order: 0 9 -1 10", "Sort in ascending order: 7",
            "Sort in ascending order: 1 2 3", "Sort in ascending order: -9 -10 99 100 0 0"}) {
            Problem problem = recognizer.recognise(prompt).orElseThrow();
            for (long bits = 0; bits < 5000; bits++) {
                Problem slipped = recognizer.slip(problem, bits * 0x9E3779B97F4A7C15L);
                assertThat(slipped.answer()).isNotEqualTo(problem.answer());
                assertThat(recognizer.recognise(slipped.prompt())).contains(slipped);
            }
        }
    }

    @Test
    void ignoresOtherSkillsPrompts() {
        RecognizerChecks.ignoresOtherSkills(recognizer);
    }

    @Test
    void refusesGarbageAndOversizedInput() {
        assertThat(recognizer.recognise("")).isEmpty();
        assertThat(recognizer.recognise("Tell me a joke")).isEmpty();
        assertThat(recognizer.recognise("Sort in ascending order: ")).isEmpty();
        assertThat(recognizer.recognise("Sort in ascending order: 3  1")).isEmpty();
        assertThat(recognizer.recognise("Sort in ascending order: 3, 1")).isEmpty();
        assertThat(recognizer.recognise("Sort in ascending order: 03 1")).isEmpty();
        assertThat(recognizer.recognise("Sort in ascending order: -0 1")).isEmpty();
        assertThat(recognizer.recognise("Sort in descending order: 3 1")).isEmpty();
        assertThat(recognizer.recognise("Sort in ascending order: 3 1. Explain.")).isEmpty();
        assertThat(recognizer.recognise("Sort in ascending order: 1" + "0".repeat(40) + " 2")).isEmpty();
        assertThat(recognizer.recognise("Sort in ascending order: 3" + " 1".repeat(100))).isEmpty();
        assertThat(recognizer.recognise("Sort in ascending order: 3" + " 1".repeat(1_000_000))).isEmpty();
    }
}
