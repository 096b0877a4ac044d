package dev.distill.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThroughputTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void ratesCoverTheWholeWindowOnceItHasPassed() {
        Throughput throughput = new Throughput(Duration.ofSeconds(2), 0);

        throughput.stepped(1000, 10, SECOND);
        assertThat(throughput.tokensPerSecond()).isZero(); // the window is not over yet

        throughput.stepped(3000, 30, 4 * SECOND);
        assertThat(throughput.tokensPerSecond()).isEqualTo(1000.0);
        assertThat(throughput.samplesPerSecond()).isEqualTo(10.0);

        throughput.stepped(500, 5, 5 * SECOND); // a new window: the last rate holds until it ends
        assertThat(throughput.tokensPerSecond()).isEqualTo(1000.0);
    }

    @Test
    void idlingZeroesTheRatesAndTheWaitDoesNotCountAfterwards() {
        Throughput throughput = new Throughput(Duration.ofSeconds(2), 0);
        throughput.stepped(4000, 40, 2 * SECOND);

        throughput.idle(100 * SECOND);
        assertThat(throughput.tokensPerSecond()).isZero();
        assertThat(throughput.samplesPerSecond()).isZero();

        throughput.stepped(2000, 20, 102 * SECOND);
        assertThat(throughput.tokensPerSecond()).isEqualTo(1000.0);
        assertThat(throughput.samplesPerSecond()).isEqualTo(10.0);
    }
}
