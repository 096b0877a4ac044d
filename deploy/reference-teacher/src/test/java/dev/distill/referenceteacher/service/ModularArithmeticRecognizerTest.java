package dev.distill.referenceteacher.service;

import static dev.distill.referenceteacher.service.RecognizerChecks.huge;
import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.skills.Problem;
import org.junit.jupiter.api.Test;

class ModularArithmeticRecognizerTest {

    private final ModularArithmeticRecognizer recognizer = new ModularArithmeticRecognizer();

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
        RecognizerChecks.refuses(recognizer, "", "Tell me a joke", "What is 3 + 2?", "What is 3 * 2?",
                "What is 7 mod 0?", "What is 7 mod 1?", "What is 7 mod 03?", "What is 07 mod 3?", "What is -7 mod 3?",
                "What is 7 mod -3?", "What is 7 % 3?", "What is 7 mod 3? Explain.", "What is 7 mod 3",
                "What is (7) mod 3?", "What is 7 + 2 mod 3?", "What is (7 - 2) mod 3?", "What is (7 + 2 + 1) mod 3?",
                "What is ((7 + 2)) mod 3?", "What is (7 + 2) mod 1?", "What is 7 mod 1234567890?",
                "What is 1234567890123456789 mod 7?", "What is (1 * 1234567890123456789) mod 7?",
                "What is " + huge() + " mod 7?", "What is (" + huge() + " + 1) mod 7?", "What is 7 mod " + huge() + "?");
    }

    @Test
    void readsEachForm() {
        assertThat(recognizer.recognise("\nWhat is 347 mod 28? ").orElseThrow())
                .extracting(Problem::prompt, Problem::answer, Problem::difficulty)
                .containsExactly("What is 347 mod 28?", "11", 2);
        assertThat(recognizer.recognise("What is 47 mod 5?").orElseThrow().difficulty()).isEqualTo(1);
        assertThat(recognizer.recognise("What is (347 + 58) mod 28?").orElseThrow())
                .extracting(Problem::answer, Problem::difficulty).containsExactly("13", 3);
        assertThat(recognizer.recognise("What is (347 * 58) mod 28?").orElseThrow())
                .extracting(Problem::answer, Problem::difficulty).containsExactly(Long.toString(347L * 58 % 28), 4);
        assertThat(recognizer.recognise("What is (34712 * 58) mod 280?").orElseThrow())
                .extracting(Problem::answer, Problem::difficulty).containsExactly(Long.toString(34712L * 58 % 280), 5);
        assertThat(recognizer.recognise("What is (999999999999999999 * 999999999999999998) mod 999999999?")
                .orElseThrow().answer()).isEqualTo("0");
    }

    @Test
    void aSlipChangesTheRemainderEvenWhenMostDigitsCannot() {
        // tens digits never move a remainder mod 2, 5 or 10; factors that are multiples of m never move a product
        for (String prompt : new String[] {"What is 340 mod 10?", "What is 12 mod 2?", "What is 0 mod 5?",
            "What is (10 * 20) mod 10?", "What is (12 * 18) mod 6?", "What is (0 * 0) mod 2?", "What is (12 * 7) mod 6?",
            "What is (9 + 9) mod 2?", "What is (999999999999999999 * 999999999999999999) mod 999999999?"}) {
            Problem problem = recognizer.recognise(prompt).orElseThrow();
            for (long bits = 0; bits < 500; bits++) {
                RecognizerChecks.slipsWrongButConsistently(recognizer, problem, RecognizerChecks.mix(bits));
            }
        }
    }
}
