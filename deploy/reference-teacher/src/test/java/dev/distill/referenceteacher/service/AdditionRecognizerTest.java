package dev.distill.referenceteacher.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.skills.Problem;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import dev.distill.skills.Split;
import org.junit.jupiter.api.Test;

class AdditionRecognizerTest {

    private static final Skill ADDITION = SkillSuite.builtIn().get("addition");
    private final AdditionRecognizer recognizer = new AdditionRecognizer();

    @Test
    void recognisesEveryGeneratedPromptAsTheSameProblem() {
        for (int i = 0; i < 500; i++) {
            Problem generated = ADDITION.generate(Split.EVAL.seed(9, i), 1 + i % 5);
            Problem read = recognizer.recognise(generated.prompt()).orElseThrow();
            assertThat(read.prompt()).isEqualTo(generated.prompt());
            assertThat(read.answer()).isEqualTo(generated.answer());
            assertThat(ADDITION.solve(read)).isEqualTo(ADDITION.solve(generated));
        }
    }

    @Test
    void ignoresOtherText() {
        assertThat(recognizer.recognise("What is 3 - 2?")).isEmpty();
        assertThat(recognizer.recognise("What is 3 + 2? Explain.")).isEmpty();
        assertThat(recognizer.recognise("Tell me a joke")).isEmpty();
    }

    @Test
    void aSlipChangesOneDigitAndTheAnswer() {
        for (long bits = 0; bits < 2000; bits++) {
            Problem problem = ADDITION.generate(Split.TRAIN.seed(1, bits), 1 + (int) (bits % 5));
            Problem slipped = recognizer.slip(problem, bits * 0x9E3779B97F4A7C15L);
            assertThat(slipped.answer()).isNotEqualTo(problem.answer());
            assertThat(slipped.prompt()).hasSameSizeAs(problem.prompt());
            int differing = 0;
            for (int i = 0; i < problem.prompt().length(); i++) {
                if (problem.prompt().charAt(i) != slipped.prompt().charAt(i)) {
                    differing++;
                }
            }
            assertThat(differing).isEqualTo(1);
            assertThat(slipped.prompt()).as("no leading zero").doesNotContainPattern(" 0\\d");
        }
    }
}
