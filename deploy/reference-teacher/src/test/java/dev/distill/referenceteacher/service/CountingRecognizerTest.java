package dev.distill.referenceteacher.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.skills.Problem;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import dev.distill.skills.Split;
import org.junit.jupiter.api.Test;

class CountingRecognizerTest {

    private static final int PROBLEMS = 2000;
    private static final SkillSuite SUITE = SkillSuite.builtIn();
    private static final Skill COUNTING = SUITE.get("counting");
    private final CountingRecognizer recognizer = new CountingRecognizer();

    @Test
    void namesTheSkill() {
        assertThat(recognizer.skill()).isEqualTo(COUNTING.name());
    }

    @Test
    void recognisesEveryGeneratedPromptAsTheSameProblem() {
        for (int d = 1; d <= COUNTING.maxDifficulty(); d++) {
            for (int i = 0; i < PROBLEMS; i++) {
                Problem generated = COUNTING.generate(Split.EVAL.seed(d, i), d);
                Problem read = recognizer.recognise("\n" + generated.prompt() + "  ").orElseThrow();
                assertThat(read.prompt()).isEqualTo(generated.prompt());
                assertThat(read.answer()).isEqualTo(generated.answer());
                assertThat(read.skill()).isEqualTo(COUNTING.name());
                assertThat(read.difficulty()).isBetween(1, COUNTING.maxDifficulty());
                assertThat(COUNTING.verify(read, COUNTING.solve(read))).isTrue();
            }
        }
    }

    @Test
    void aSlipMisreadsOnePositionAndChangesTheCountByOne() {
        for (int d = 1; d <= COUNTING.maxDifficulty(); d++) {
            for (long i = 0; i < PROBLEMS; i++) {
                Problem problem = COUNTING.generate(Split.TRAIN.seed(d, i), d);
                assertSlip(problem, i * 0x9E3779B97F4A7C15L + d);
            }
        }
    }

    @Test
    void slipsOfEdgeTextsStayWellFormed() {
        String[] prompts = {
            "How many times does the letter 'a' appear in \"aaa\"?",
            "How many times does the letter 'z' appear in \"b\"?",
            "How many times does the digit 0 appear in 0?",
            "How many times does the digit 0 appear in 7?",
            "How many times does the digit 0 appear in 10?",
            "How many times does the digit 3 appear in 3?",
            "How many times does the digit 1 appear in 11111?",
            "How many times does the word \"the\" appear in \"the the\"?",
            "How many times does the word \"a\" appear in \"cat\"?",
        };
        for (String prompt : prompts) {
            Problem problem = recognizer.recognise(prompt).orElseThrow();
            for (long bits = 0; bits < 3000; bits++) {
                assertSlip(problem, bits * 0x9E3779B97F4A7C15L);
            }
        }
    }

    private void assertSlip(Problem problem, long bits) {
        Problem slipped = recognizer.slip(problem, bits);
        assertThat(Math.abs(Long.parseLong(slipped.answer()) - Long.parseLong(problem.answer()))).isEqualTo(1);
        String solution = COUNTING.solve(slipped);
        assertThat(COUNTING.verify(slipped, solution)).isTrue();
        assertThat(COUNTING.verify(problem, solution)).isFalse();
        assertThat(recognizer.recognise(slipped.prompt())).contains(slipped);
        assertThat(solution.lines().count()).isEqualTo(COUNTING.solve(problem).lines().count());
    }

    @Test
    void ignoresOtherSkillsPrompts() {
        RecognizerChecks.ignoresOtherSkills(recognizer);
    }

    @Test
    void refusesGarbageAndOversizedInput() {
        assertThat(recognizer.recognise("")).isEmpty();
        assertThat(recognizer.recognise("Tell me a joke")).isEmpty();
        assertThat(recognizer.recognise("How many times does the letter 'A' appear in \"BANANA\"?")).isEmpty();
        assertThat(recognizer.recognise("How many times does the letter 'ab' appear in \"banana\"?")).isEmpty();
        assertThat(recognizer.recognise("How many times does the letter 'a' appear in \"\"?")).isEmpty();
        assertThat(recognizer.recognise("How many times does the letter 'a' appear in \"banana\"? Explain."))
                .isEmpty();
        assertThat(recognizer.recognise("How many times does the digit 7 appear in 0707?")).isEmpty();
        assertThat(recognizer.recognise("How many times does the digit 12 appear in 1212?")).isEmpty();
        assertThat(recognizer.recognise("How many times does the word \"the\" appear in \"the  cat\"?")).isEmpty();
        assertThat(recognizer.recognise("How many times does the word \"the\" appear in \"The cat\"?")).isEmpty();
        assertThat(recognizer.recognise("How many times does the letter 'a' appear in \"" + "a".repeat(61) + "\"?"))
                .isEmpty();
        assertThat(recognizer.recognise("How many times does the digit 1 appear in " + "1".repeat(61) + "?"))
                .isEmpty();
        assertThat(recognizer.recognise("How many times does the word \"a\" appear in \"a" + " a".repeat(60) + "\"?"))
                .isEmpty();
        assertThat(recognizer.recognise("How many times does the digit 1 appear in " + "1".repeat(1_000_000) + "?"))
                .isEmpty();
    }
}
