package dev.distill.referenceteacher.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.distill.referenceteacher.domain.FaultProfile;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencySamplerTest {

    private static double[] samplesMs(FaultProfile.LatencyMode mode, long ms, long maxMs, int n) {
        SplittableRandom rng = new SplittableRandom(17);
        FaultProfile.Latency latency = new FaultProfile.Latency(mode, ms, maxMs);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = LatencySampler.sample(latency, rng).toNanos() / 1e6;
        }
        Arrays.sort(out);
        return out;
    }

    @Test
    void fixedIsExact() {
        assertThat(LatencySampler.sample(new FaultProfile.Latency(FaultProfile.LatencyMode.FIXED, 200, 0),
                new SplittableRandom(1))).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void uniformStaysWithinItsBoundsAndFillsThem() {
        double[] s = samplesMs(FaultProfile.LatencyMode.UNIFORM, 100, 300, 20_000);
        assertThat(s[0]).isBetween(100.0, 102.0);
        assertThat(s[s.length - 1]).isBetween(298.0, 300.0);
        assertThat(s[s.length / 2]).isCloseTo(200, within(5.0));
    }

    @Test
    void lognormalHasTheConfiguredMedianAndP99() {
        double[] s = samplesMs(FaultProfile.LatencyMode.LOGNORMAL, 50, 500, 40_000);
        assertThat(s[0]).isPositive();
        assertThat(s[s.length / 2]).isCloseTo(50, within(2.5));
        assertThat(s[(int) (s.length * 0.99)]).isCloseTo(500, within(50.0));
    }

    @Test
    void lognormalWithP99EqualToMedianIsFixed() {
        double[] s = samplesMs(FaultProfile.LatencyMode.LOGNORMAL, 70, 70, 100);
        assertThat(s[0]).isEqualTo(70.0);
        assertThat(s[s.length - 1]).isEqualTo(70.0);
    }
}
