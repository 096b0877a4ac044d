package dev.distill.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The loss and its gradient against a hand computation in plain Java (doubles), on leaf logits.
 *
 * <p>Normalisation (that of {@link TrainingLoss}): N_ce answer targets, N_kd teacher positions,
 * loss = alpha * CE + beta * tau^2 * KD with CE and KD both means, so
 * dloss/dz[b,t,v] = alpha * mask[b,t] * (softmax(z)[v] - [v == y]) / N_ce
 *                 + beta * tau * kdMask[b,t] * (softmax(z / tau)[v] - q_tau[v]) / N_kd,
 * the second term because d/dz of -sum_k q_k log softmax(z / tau)[id_k] is (softmax(z / tau) - q) / tau.
 */
class TrainingLossTest {

    private static final int B = 2;
    private static final int T = 3;
    private static final int V = 5;
    private static final int K = 2;

    private final float[] logits = new float[B * T * V];
    private final long[] targets = {1, 2, 3, 4, 0, 2};
    private final float[] mask = {0, 1, 1, 1, 1, 0};
    private final int answerTargets = 4;
    // Teacher targets at (0,1), (0,2) and (1,0); (0,2) has a one-byte support, padded with q = 0.
    private final long[] ids = {0, 0, 2, 4, 3, 0, 1, 3, 0, 0, 0, 0};
    private final float[] probs = {0, 0, 0.6f, 0.4f, 1f, 0, 0.25f, 0.75f, 0, 0, 0, 0};
    private final float[] kdMask = {0, 1, 1, 1, 0, 0};
    private final int teacherPositions = 3;

    TrainingLossTest() {
        Random random = new Random(7);
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (2 * random.nextGaussian());
        }
    }

    /** Loss, loss parts and gradient through TrainingLoss.compute, the trainer's code path. */
    private record Computed(double total, double crossEntropy, double distillation, float[] gradient) {}

    private Computed compute(LossConfig loss, boolean withTeacher) {
        Engine engine = DjlEnvironment.engine();
        try (NDManager m = engine.newBaseManager()) {
            NDArray z = m.create(logits, new Shape(B, T, V));
            z.setRequiresGradient(true);
            TrainingLoss.Teacher teacher = withTeacher
                    ? new TrainingLoss.Teacher(m.create(ids, new Shape(B, T, K)), m.create(probs, new Shape(B, T, K)),
                            m.create(kdMask, new Shape(B, T)), teacherPositions)
                    : null;
            TrainingLoss.Parts parts;
            try (GradientCollector collector = engine.newGradientCollector()) {
                parts = TrainingLoss.compute(z, m.create(targets, new Shape(B, T)), m.create(mask, new Shape(B, T)),
                        answerTargets, teacher, loss);
                collector.backward(parts.total());
            }
            return new Computed(parts.total().getFloat(), parts.crossEntropy().getFloat(),
                    parts.distillation() == null ? Double.NaN : parts.distillation().getFloat(),
                    z.getGradient().toFloatArray());
        }
    }

    private double[] softmax(int position, double tau) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < V; v++) {
            max = Math.max(max, logits[position * V + v] / tau);
        }
        double[] p = new double[V];
        double sum = 0;
        for (int v = 0; v < V; v++) {
            p[v] = Math.exp(logits[position * V + v] / tau - max);
            sum += p[v];
        }
        for (int v = 0; v < V; v++) {
            p[v] /= sum;
        }
        return p;
    }

    /** The teacher distribution at a position, scattered over the vocabulary. */
    private double[] teacherAt(int position) {
        double[] q = new double[V];
        for (int k = 0; k < K; k++) {
            q[(int) ids[position * K + k]] += probs[position * K + k];
        }
        return q;
    }

    private double handCrossEntropy() {
        double sum = 0;
        for (int pos = 0; pos < B * T; pos++) {
            sum -= mask[pos] * Math.log(softmax(pos, 1)[(int) targets[pos]]);
        }
        return sum / answerTargets;
    }

    private double handDistillation(double tau) {
        double sum = 0;
        for (int pos = 0; pos < B * T; pos++) {
            if (kdMask[pos] == 0) {
                continue;
            }
            double[] p = softmax(pos, tau);
            double[] q = teacherAt(pos);
            for (int v = 0; v < V; v++) {
                sum += q[v] == 0 ? 0 : q[v] * (Math.log(q[v]) - Math.log(p[v]));
            }
        }
        return sum / teacherPositions;
    }

    private double[] handGradient(double alpha, double beta, double tau) {
        double[] g = new double[B * T * V];
        for (int pos = 0; pos < B * T; pos++) {
            double[] p = softmax(pos, 1);
            double[] pTau = softmax(pos, tau);
            double[] q = teacherAt(pos);
            for (int v = 0; v < V; v++) {
                double ce = mask[pos] * (p[v] - (v == targets[pos] ? 1 : 0)) / answerTargets;
                double kd = kdMask[pos] * (pTau[v] - q[v]) / teacherPositions;
                g[pos * V + v] = alpha * ce + beta * tau * kd;
            }
        }
        return g;
    }

    private static void assertGradient(float[] actual, double[] expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("dloss/dz at flat index %d", i).isCloseTo(expected[i], within(2e-6));
        }
    }

    @Test
    void distillationLossAndGradientMatchTheHandComputation() {
        double alpha = 0.3;
        double beta = 0.7;
        double tau = 2;
        Computed c = compute(LossConfig.distillation(alpha, beta, tau), true);

        double ce = handCrossEntropy();
        double kd = handDistillation(tau);
        assertThat(kd).as("the teacher differs from the student").isGreaterThan(0.1);
        assertThat(c.crossEntropy()).isCloseTo(ce, within(1e-5));
        assertThat(c.distillation()).isCloseTo(kd, within(1e-5));
        assertThat(c.total()).isCloseTo(alpha * ce + beta * tau * tau * kd, within(1e-5));
        assertGradient(c.gradient(), handGradient(alpha, beta, tau));
    }

    @Test
    void atTemperatureOneTheGradientIsTheDifferenceOfDistributions() {
        Computed c = compute(LossConfig.distillation(0, 1, 1), true);
        assertThat(c.total()).isCloseTo(handDistillation(1), within(1e-5));
        assertGradient(c.gradient(), handGradient(0, 1, 1));
    }

    @Test
    void crossEntropyModeIgnoresTheTeacherAndTheWeights() {
        Computed ce = compute(LossConfig.crossEntropy(), true);
        assertThat(ce.total()).isCloseTo(handCrossEntropy(), within(1e-5));
        assertThat(ce.distillation()).isNaN();
        assertGradient(ce.gradient(), handGradient(1, 0, 1));
    }

    @Test
    void distillationWithoutTeacherTargetsTrainsTheWeightedCrossEntropy() {
        Computed c = compute(LossConfig.distillation(0.5, 0.5, 2), false);
        assertThat(c.total()).isCloseTo(0.5 * handCrossEntropy(), within(1e-5));
        assertThat(c.crossEntropy()).isCloseTo(handCrossEntropy(), within(1e-5));
        assertThat(c.distillation()).isNaN();
        assertGradient(c.gradient(), handGradient(0.5, 0, 1));
    }
}
