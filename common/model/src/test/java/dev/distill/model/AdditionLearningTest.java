package dev.distill.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.model.bench.AdditionTrainingRun;
import dev.distill.skills.Addition;
import dev.distill.skills.Problem;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The key capability: the recommended tiny student with the recommended training settings learns
 * 1-3 digit addition with worked steps to at least 90% held-out exact match of the final answer.
 *
 * <p>The budget is a fixed number of steps, not wall time, so the outcome is deterministic
 * (same seeds, no dropout, CPU) and does not depend on how loaded the shared machine is. On 2
 * otherwise idle cores the steps take about two minutes; the time is printed.
 */
class AdditionLearningTest {

    static final int STEPS = Integer.getInteger("distill.model.learningSteps", 1200);

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void tinyStudentLearnsAdditionWithStepsToNinetyPercentHeldOut() {
        assertThat(new Addition().solve(new Problem("addition", 0, 2, "What is 347 + 285?", "632")))
                .isEqualTo("7+5=12 carry 1\n4+8+1=13 carry 1\n3+2+1=6\n#### 632");
        try (Student student = Student.create(StudentConfig.tiny(), 42)) {
            TrainingConfig training = TrainingConfig.defaults();
            AdditionTrainingRun run = new AdditionTrainingRun(student, training, 2, 200); // up to 3 digits
            AdditionTrainingRun.Result result = run.run(Double.MAX_VALUE, STEPS, 200, 0.9, true,
                    line -> System.out.println("[learning] " + line));
            System.out.printf("[learning] %d params, %d steps, %.1f s training, %.0f padded tokens/s, "
                            + "held-out exact match %.3f, seconds to 90%%: %.1f%n",
                    student.parameterCount(), result.steps(), result.trainSeconds(), result.paddedTokensPerSecond(),
                    result.accuracy(), result.secondsToTarget());
            assertThat(result.accuracy()).as("held-out exact match after %d steps", result.steps())
                    .isGreaterThanOrEqualTo(0.9);
        }
    }
}
