package dev.distill.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LossConfigTest {

    @Test
    void existingCallersTrainWithCrossEntropyOnly() {
        assertThat(TrainingConfig.defaults().loss()).isEqualTo(LossConfig.crossEntropy());
        assertThat(TrainingConfig.defaults().withDecaySteps(500).withBatchTokens(1024).loss().distills()).isFalse();
        LossConfig kd = LossConfig.distillation(0.5, 0.5, 2);
        assertThat(TrainingConfig.defaults().withLoss(kd).withWarmupSteps(3).loss()).isEqualTo(kd);
    }

    @Test
    void kindsParseFromConfigurationValues() {
        assertThat(LossConfig.Kind.parse("kd")).isEqualTo(LossConfig.Kind.KD);
        assertThat(LossConfig.Kind.parse(" CE ")).isEqualTo(LossConfig.Kind.CE);
        assertThatThrownBy(() -> LossConfig.Kind.parse("mse")).hasMessageContaining("expected ce or kd");
    }

    @Test
    void weightsAndTemperatureAreValidated() {
        assertThatThrownBy(() -> LossConfig.distillation(-0.1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LossConfig.distillation(0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LossConfig.distillation(0.5, 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LossConfig.distillation(0.5, 0.5, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrainingConfig.defaults().withLoss(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
