package dev.distill.evaluator.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyPercentileTest {

    @Test
    void theNearestRank99thPercentileOfAnswerLatencies() {
        double[] hundred = new double[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = 100 - i; // unsorted: 100 .. 1
        }
        assertThat(CheckpointScorer.percentile99(hundred)).isEqualTo(99.0);
        assertThat(CheckpointScorer.percentile99(new double[] {5, 7})).isEqualTo(7.0);
        assertThat(CheckpointScorer.percentile99(new double[] {3})).isEqualTo(3.0);
        assertThat(CheckpointScorer.percentile99(new double[0])).isZero();
    }
}
