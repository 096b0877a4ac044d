package dev.distill.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.distill.model.TrainStep;
import org.junit.jupiter.api.Test;

class SmoothedLossTest {

    @Test
    void theFirstStepIsTakenAsIsAndLaterOnesWeighATenth() {
        SmoothedLoss loss = SmoothedLoss.NONE.next(step(2.0, 3.0, 1.0)).next(step(1.0, 2.0, 0.0));

        assertThat(loss.total()).isCloseTo(0.9 * 2.0 + 0.1 * 1.0, within(1e-12));
        assertThat(loss.crossEntropy()).isCloseTo(0.9 * 3.0 + 0.1 * 2.0, within(1e-12));
        assertThat(loss.distillation()).isCloseTo(0.9 * 1.0, within(1e-12));
    }

    @Test
    void aStepThatDistilledNothingLeavesTheDistillationPartAlone() {
        SmoothedLoss ce = SmoothedLoss.NONE.next(step(2.0, 2.0, Double.NaN));
        assertThat(ce.distillation()).isNaN();
        assertThat(ce.crossEntropy()).isEqualTo(2.0);

        SmoothedLoss mixed = SmoothedLoss.NONE.next(step(1.0, 1.0, 0.5)).next(step(1.0, 1.0, Double.NaN));
        assertThat(mixed.distillation()).isEqualTo(0.5);
    }

    private static TrainStep step(double loss, double crossEntropy, double distillation) {
        return new TrainStep(1, loss, crossEntropy, distillation, 10, 5, 20, 1e-3, 1.0, 0);
    }
}
