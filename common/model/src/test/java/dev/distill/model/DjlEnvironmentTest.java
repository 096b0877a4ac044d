package dev.distill.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DjlEnvironmentTest {

    @Test
    void autoTakesTheGpuWhenThereIsOneAndTheCpuOtherwise() {
        assertThat(DjlEnvironment.selectDevice("auto", 0)).isEqualTo(Device.cpu());
        assertThat(DjlEnvironment.selectDevice("AUTO", 2)).isEqualTo(Device.gpu());
        assertThat(DjlEnvironment.selectDevice("cpu", 2)).isEqualTo(Device.cpu());
        assertThat(DjlEnvironment.selectDevice(" gpu ", 1)).isEqualTo(Device.gpu());
    }

    @Test
    void aGpuThatIsNotThereOrAnUnknownDeviceIsRefusedWithTheReason() {
        assertThatThrownBy(() -> DjlEnvironment.selectDevice("gpu", 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("libtorch sees no GPU").hasMessageContaining("CUDA build");
        assertThatThrownBy(() -> DjlEnvironment.selectDevice("tpu", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auto, cpu or gpu");
    }

    @Test
    void onThisMachineModelsLiveWhereTheEngineSaysAndTrainThere() {
        Device expected = DjlEnvironment.engine().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        assertThat(DjlEnvironment.device()).isEqualTo(expected);
        try (Student student = Student.create(StudentConfig.tiny(), 1)) {
            assertThat(student.parameters().get(0).getValue().getArray().getDevice()).isEqualTo(expected);
        }
    }
}
