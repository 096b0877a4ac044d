package dev.distill.referenceteacher.service;

import static dev.distill.referenceteacher.service.RecognizerChecks.huge;
import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.skills.Problem;
import org.junit.jupiter.api.Test;

class MultiplicationRecognizerTest {

    private final MultiplicationRecognizer recognizer = new MultiplicationRecognizer();

    @Test
    void readsAndSlipsGeneratedProblemsOfEveryDifficulty() {
        RecognizerChecks.readsAndSlipsGeneratedProblems(recognizer);
    }

    @Test
    void ignoresOtherSkillsPrompts() {
        RecognizerChecks.ignoresOtherSkills(recognizer);
    }

    @Test
    void refusesGarbageAndOversizedInput() {
        RecognizerChecks.refuses(recognizer, "", "Tell me a joke", "What is 3 + 2?", "What is 3 - 2?",
                "What is 3 x 2?", "What is 3*2?", "What is 3 * 2? Explain.", "What is 3 * 2", "What is -3 * 2?",
                "What is 03 * 2?", "What is 3 * 2.5?", "What is 2 * 3 * 4?", "What is (3 * 2) mod 5?",
                "What is 1234567890 * 2?", "What is 2 * 1234567890?", "What is " + huge() + " * 2?");
    }

    @Test
    void readsTheDifficultyFromTheDigitCounts() {
        assertThat(recognizer.recognise(" What is 347 * 285?\t").orElseThrow())
                .extracting(Problem::prompt, Problem::answer, Problem::difficulty)
                .containsExactly("What is 347 * 285?", "98895", 3);
        assertThat(recognizer.recognise("What is 7 * 8?").orElseThrow().difficulty()).isEqualTo(1);
        assertThat(recognizer.recognise("What is 12345 * 6789?").orElseThrow().difficulty()).isEqualTo(5);
        assertThat(recognizer.recognise("What is 999999999 * 999999999?").orElseThrow().answer())
                .isEqualTo("999999998000000001");
    }

    @Test
    void aSlipAlwaysChangesAProductWithAZero() {
        for (String prompt : new String[] {"What is 0 * 0?", "What is 0 * 7?", "What is 7 * 0?", "What is 100 * 10?",
            "What is 999999999 * 999999999?", "What is 1 * 1?"}) {
            Problem problem = recognizer.recognise(prompt).orElseThrow();
            for (long bits = 0; bits < 500; bits++) {
                RecognizerChecks.slipsWrongButConsistently(recognizer, problem, RecognizerChecks.mix(bits));
            }
        }
    }
}
