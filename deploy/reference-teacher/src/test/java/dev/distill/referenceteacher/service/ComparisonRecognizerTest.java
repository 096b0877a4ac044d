package dev.distill.referenceteacher.service;

import static dev.distill.referenceteacher.service.RecognizerChecks.huge;
import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.skills.Problem;
import org.junit.jupiter.api.Test;

class ComparisonRecognizerTest {

    private final ComparisonRecognizer recognizer = new ComparisonRecognizer();

    @Test
    void readsAndSlipsGeneratedProblemsOfEveryDifficulty() {
        RecognizerChecks.readsAndSlipsGeneratedProblems(recognizer);
    }

    @Test
    void ignoresOtherSkillsPrompts() {
        RecognizerChecks.ignoresOtherSkills(recognizer);
    }

    @Test
    void refusesGarbageEqualValuesUnplainNumbersAndOversizedInput() {
        RecognizerChecks.refuses(recognizer, "", "Tell me a joke", "What is 3 + 2?",
                "Which is larger: 3 or 3?", "Which is larger: 2.5 or 2.5?", "Which is larger: 0 or -0?",
                "Which is larger: -0 or 1?", "Which is larger: 1.50 or 2?", "Which is larger: 01 or 2?",
                "Which is larger: +1 or 2?", "Which is larger: 1. or 2?", "Which is larger: .5 or 2?",
                "Which is larger: 1,000 or 2?", "Which is larger: 1e3 or 2?", "Which is larger: 1 or 2 or 3?",
                "Which is larger: 1 or 2? Explain.", "Which is larger: 1 or 2", "Which is smaller: 1 or 2?",
                "Which is larger: 1234567890123456789 or 2?", "Which is larger: 1.1234567890123456789 or 2?",
                "Which is larger: " + huge() + " or 2?", "Which is larger: 0." + huge() + " or 2?");
    }

    @Test
    void readsTheLargerAsWritten() {
        assertThat(recognizer.recognise(" Which is larger: 3.9 or 3.11?\n").orElseThrow())
                .extracting(Problem::prompt, Problem::answer, Problem::difficulty)
                .containsExactly("Which is larger: 3.9 or 3.11?", "3.9", 3);
        assertThat(recognizer.recognise("Which is larger: 47 or 9?").orElseThrow())
                .extracting(Problem::answer, Problem::difficulty).containsExactly("47", 1);
        assertThat(recognizer.recognise("Which is larger: -3.5 or -3.25?").orElseThrow())
                .extracting(Problem::answer, Problem::difficulty).containsExactly("-3.25", 4);
        assertThat(recognizer.recognise("Which is larger: -0.5 or 0?").orElseThrow().answer()).isEqualTo("0");
    }

    @Test
    void aSlipPicksTheSmallerWhenOneMisreadDigitCanMakeItSo() {
        Problem problem = recognizer.recognise("Which is larger: 9 or 8?").orElseThrow();
        for (long bits = 0; bits < 200; bits++) {
            Problem slipped = RecognizerChecks.slipsWrongButConsistently(recognizer, problem, bits);
            assertThat(slipped.answer()).isEqualTo("8");
        }
    }

    @Test
    void aSlipIsAlwaysAValidWrongComparison() {
        for (String prompt : new String[] {"Which is larger: 9 or 8?", "Which is larger: 1 or 0?",
            "Which is larger: -1 or 0?", "Which is larger: 0.1 or 0.2?", "Which is larger: -0.1 or 0.1?",
            "Which is larger: 10 or 1?", "Which is larger: 999999999999999999.999999999999999999 or 0?",
            "Which is larger: 3.9 or 3.11?", "Which is larger: -9999 or -9998.9999?"}) {
            Problem problem = recognizer.recognise(prompt).orElseThrow();
            for (long bits = 0; bits < 300; bits++) {
                RecognizerChecks.slipsWrongButConsistently(recognizer, problem, RecognizerChecks.mix(bits));
            }
        }
    }
}
