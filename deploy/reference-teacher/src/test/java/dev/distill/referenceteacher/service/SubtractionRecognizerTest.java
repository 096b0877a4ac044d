package dev.distill.referenceteacher.service;

import static dev.distill.referenceteacher.service.RecognizerChecks.huge;
import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.skills.Problem;
import org.junit.jupiter.api.Test;

class SubtractionRecognizerTest {

    private final SubtractionRecognizer recognizer = new SubtractionRecognizer();

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
        RecognizerChecks.refuses(recognizer, "", "  ", "Tell me a joke", "What is 3 + 2?", "What is 3 * 2?",
                "What is 3 - 2? Explain.", "What is 3 - 2", "What is 3-2?", "What is -3 - 2?", "What is 3 - -2?",
                "What is 03 - 2?", "What is 3 - 02?", "What is 3.5 - 2?", "What is 3 - 2 - 1?",
                "What is 1234567890123456789 - 1?", "What is " + huge() + " - 1?", "What is 1 - " + huge() + "?");
    }

    @Test
    void readsAroundWhitespaceAndNegativeResults() {
        Problem problem = recognizer.recognise("  What is 285 - 347?\n").orElseThrow();
        assertThat(problem.prompt()).isEqualTo("What is 285 - 347?");
        assertThat(problem.answer()).isEqualTo("-62");
        assertThat(problem.difficulty()).isEqualTo(3);
        assertThat(recognizer.recognise("What is 0 - 0?").orElseThrow().answer()).isEqualTo("0");
        assertThat(recognizer.recognise("What is 999999999999999999 - 0?").orElseThrow().answer())
                .isEqualTo("999999999999999999");
    }

    @Test
    void aSlipMisreadsOneDigitWithoutALeadingZero() {
        for (String prompt : new String[] {"What is 10 - 1?", "What is 0 - 0?", "What is 9 - 9?", "What is 1000 - 999?",
            "What is 999999999999999999 - 999999999999999999?", "What is 5 - 16?"}) {
            Problem problem = recognizer.recognise(prompt).orElseThrow();
            for (long bits = 0; bits < 500; bits++) {
                Problem slipped = RecognizerChecks.slipsWrongButConsistently(
                        recognizer, problem, RecognizerChecks.mix(bits));
                assertThat(slipped.prompt()).hasSameSizeAs(problem.prompt());
                int differing = 0;
                for (int i = 0; i < prompt.length(); i++) {
                    differing += prompt.charAt(i) == slipped.prompt().charAt(i) ? 0 : 1;
                }
                assertThat(differing).isEqualTo(1);
            }
        }
    }
}
