package dev.distill.referenceteacher.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distill.referenceteacher.domain.FaultProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

    private static final FaultProfile MIXED = new FaultProfile(42L,
            new FaultProfile.Latency(FaultProfile.LatencyMode.UNIFORM, 10, 90), 0.1, 1, 0.1, 0.1, 500, 0.1, 0.1, 0.1);

    private static List<FaultPlan> plans(FaultInjector injector, int n) {
        List<FaultPlan> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(injector.plan());
        }
        return out;
    }

    @Test
    void aSeedMakesTheSequenceReproducible() {
        List<FaultPlan> first = plans(new FaultInjector(MIXED), 300);
        assertThat(plans(new FaultInjector(MIXED), 300)).isEqualTo(first);
        assertThat(first.stream().map(FaultPlan::outcome).distinct()).hasSize(RequestOutcome.values().length - 1);
        assertThat(plans(new FaultInjector(TestProfiles.seeded(MIXED, 43L)), 300)).isNotEqualTo(first);
    }

    @Test
    void replacingTheProfileRestartsItsSeededSequence() {
        FaultInjector injector = new FaultInjector(TestProfiles.off());
        assertThat(plans(injector, 20)).containsOnly(FaultPlan.none());
        injector.replace(MIXED);
        List<FaultPlan> first = plans(injector, 100);
        injector.replace(MIXED);
        assertThat(plans(injector, 100)).isEqualTo(first);
        assertThat(injector.profile()).isEqualTo(MIXED);
        assertThat(injector.startupProfile()).isEqualTo(TestProfiles.off());
    }

    @Test
    void anInvalidReplacementIsRefusedAndChangesNothing() {
        FaultInjector injector = new FaultInjector(TestProfiles.off());
        assertThatThrownBy(() -> injector.replace(TestProfiles.failures(0.6, 0.6, 0)))
                .isInstanceOf(InvalidFaultProfileException.class)
                .hasMessageContaining("throttle_rate + server_error_rate + timeout_rate must be at most 1");
        assertThat(injector.profile()).isEqualTo(TestProfiles.off());
    }

    @Test
    void anInvalidStartupProfileFailsWithTheConfigKey() {
        assertThatThrownBy(() -> new FaultInjector(TestProfiles.latency(FaultProfile.LatencyMode.UNIFORM, 100, 10)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("teacher.faults.latency.max-ms: latency.max_ms (the upper bound) must be at least");
    }
}
