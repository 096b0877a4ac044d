package dev.distill.model.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.distill.model.DjlEnvironment;
import dev.distill.model.Student;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a DJL training step spends its time: forward (with the loss), backward, gradient clipping, optimiser. It
 * re-creates {@link dev.distill.model.StudentTrainer}'s step with public DJL calls on the student's own network, so
 * each phase can be clocked (libtorch on CPU runs each op synchronously, so wall time between calls is the op
 * time), and it compares two optimisers: {@code ops}, the NDArray operations of our {@code AdamW} (about ten
 * JNI calls per parameter), and {@code fused}, libtorch's single native Adam update per parameter
 * ({@link JniUtils#adamUpdate}, decoupled weight decay; with the bias corrections folded into its learning rate
 * and epsilon it is the same update up to rounding). The fused variant is here to measure what switching would
 * gain; its numerics are not checked against ours here.
 *
 * <p>The network and parameter store are package-private accessors of {@link Student}; this bench reads them
 * reflectively rather than widening the model's public API for a benchmark.
 */
final class StepPhaseProfile {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.98f;
    private static final float EPSILON = 1e-8f;
    private static final float LEARNING_RATE = 1e-3f;
    private static final float WEIGHT_DECAY = 0.01f;
    private static final String[] PHASES = {"forward", "backward", "clip", "optimizer"};

    private final Block network;
    private final ParameterStore store;
    private final NDManager base;
    private final Engine engine = DjlEnvironment.engine();
    private final List<NDArray> weights = new ArrayList<>();
    private final List<Boolean> decay = new ArrayList<>();
    private final long[] inputs;
    private final long[] targets;
    private final float[] causal;
    private final int rows;
    private final int seq;

    private StepPhaseProfile(Student student, int rows, int seq) {
        this.network = (Block) accessor(student, "network");
        this.store = (ParameterStore) accessor(student, "parameterStore");
        this.base = (NDManager) accessor(student, "manager");
        for (Pair<String, Parameter> entry : network.getParameters()) {
            NDArray w = entry.getValue().getArray();
            w.setRequiresGradient(true);
            weights.add(w);
            decay.add(entry.getValue().getType() == Parameter.Type.WEIGHT && !entry.getKey().endsWith("embedding"));
        }
        this.rows = rows;
        this.seq = seq;
        inputs = new long[rows * seq];
        targets = new long[rows * seq];
        List<dev.distill.model.EncodedExample> batch = ThroughputBenchmark.syntheticBatch(rows, seq);
        for (int r = 0; r < rows; r++) {
            int[] t = batch.get(r).tokens();
            for (int i = 0; i < seq; i++) {
                inputs[r * seq + i] = t[i];
                targets[r * seq + i] = t[i + 1];
            }
        }
        causal = new float[seq * seq];
        for (int i = 0; i < seq; i++) {
            for (int j = i + 1; j < seq; j++) {
                causal[i * seq + j] = -1e9f;
            }
        }
    }

    /** Times both optimiser variants and prints one {@code PHASES} line for each. */
    static void run(Student student, int rows, int seq, Timing timing, PrintStream out) {
        StepPhaseProfile profile = new StepPhaseProfile(student, rows, seq);
        for (boolean fused : new boolean[] {false, true}) {
            try (NDManager moments = profile.base.newSubManager()) {
                List<NDArray> m = new ArrayList<>();
                List<NDArray> v = new ArrayList<>();
                for (NDArray w : profile.weights) {
                    m.add(moments.zeros(w.getShape(), w.getDataType(), w.getDevice()));
                    v.add(moments.zeros(w.getShape(), w.getDataType(), w.getDevice()));
                }
                List<long[]> perStep = new ArrayList<>();
                Timing.Result r = timing.run(() -> perStep.add(profile.step(m, v, perStep.size() + 1, fused)));
                double[] ms = new double[PHASES.length];
                for (long[] s : perStep.subList(perStep.size() - r.steps(), perStep.size())) {
                    for (int i = 0; i < ms.length; i++) {
                        ms[i] += s[i] / 1e6 / r.steps();
                    }
                }
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "PHASES impl=djl optimizer=%s",
                        fused ? "fused" : "ops"));
                for (int i = 0; i < ms.length; i++) {
                    line.append(String.format(Locale.ROOT, " %s_ms=%.1f", PHASES[i], ms[i]));
                }
                line.append(String.format(Locale.ROOT, " tokens_per_s=%.0f", r.steps() * (double) rows * seq / r.seconds()));
                out.println(line);
            }
        }
    }

    /** One step; returns the nanoseconds of each phase. */
    private long[] step(List<NDArray> means, List<NDArray> variances, int update, boolean fused) {
        long[] nanos = new long[PHASES.length];
        try (NDManager scope = base.newSubManager()) {
            long t0 = System.nanoTime();
            NDArray tokens = scope.create(inputs, new Shape(rows, seq));
            NDArray labels = scope.create(targets, new Shape(rows, seq));
            NDArray positions = scope.arange(0, seq, 1, DataType.INT64).reshape(1, seq);
            NDArray mask = scope.create(causal, new Shape(1, 1, seq, seq));
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray logits = network.forward(store, new NDList(tokens, positions, mask), true).head();
                NDArray loss = logits.logSoftmax(-1).gather(labels.expandDims(-1), -1).mean().neg();
                long t1 = System.nanoTime();
                nanos[0] = t1 - t0;
                collector.backward(loss);
                nanos[1] = System.nanoTime() - t1;
            }
            long t2 = System.nanoTime();
            NDArray[] grads = new NDArray[weights.size()];
            NDArray sumSquares = null;
            for (int i = 0; i < grads.length; i++) {
                grads[i] = weights.get(i).getGradient();
                grads[i].attach(scope);
                NDArray s = grads[i].square().sum();
                sumSquares = sumSquares == null ? s : sumSquares.add(s);
            }
            double norm = Math.sqrt(sumSquares.getFloat());
            if (norm > 1.0) {
                for (NDArray g : grads) {
                    g.muli((float) (1.0 / (norm + 1e-6)));
                }
            }
            long t3 = System.nanoTime();
            nanos[2] = t3 - t2;
            double c1 = 1 - Math.pow(BETA1, update);
            double c2 = 1 - Math.pow(BETA2, update);
            for (int i = 0; i < grads.length; i++) {
                NDArray w = weights.get(i);
                float wd = decay.get(i) ? WEIGHT_DECAY : 0f;
                if (fused) {
                    // w -= lr*wd*w; m, v as ours; w -= a * m / (sqrt(v) + e): with a = lr*sqrt(c2)/c1 and
                    // e = eps*sqrt(c2) this is algebraically our (and torch's) lr/c1 * m / (sqrt(v/c2) + eps)
                    JniUtils.adamUpdate((PtNDArray) w, (PtNDArray) grads[i], (PtNDArray) means.get(i),
                            (PtNDArray) variances.get(i), LEARNING_RATE, (float) (LEARNING_RATE * Math.sqrt(c2) / c1),
                            wd, 1f, -1f, BETA1, BETA2, (float) (EPSILON * Math.sqrt(c2)), true);
                } else {
                    opsUpdate(scope, w, grads[i], means.get(i), variances.get(i), wd, c1, c2);
                }
                JniUtils.zeroGrad((PtNDArray) w);
            }
            nanos[3] = System.nanoTime() - t3;
        }
        return nanos;
    }

    /** The operations of dev.distill.model.AdamW#update, one JNI call each. */
    private static void opsUpdate(NDManager scope, NDArray w, NDArray g, NDArray m, NDArray v, float wd,
            double c1, double c2) {
        m.muli(BETA1).addi(attached(scope, g.mul(1 - BETA1)));
        v.muli(BETA2).addi(attached(scope, g.square()).muli(1 - BETA2));
        if (wd > 0) {
            w.muli(1 - LEARNING_RATE * wd);
        }
        NDArray denominator = attached(scope, v.sqrt()).muli((float) (1 / Math.sqrt(c2))).addi(EPSILON);
        w.subi(attached(scope, m.div(denominator)).muli((float) (LEARNING_RATE / c1)));
    }

    private static NDArray attached(NDManager scope, NDArray a) {
        a.attach(scope);
        return a;
    }

    private static Object accessor(Student student, String name) {
        try {
            Method m = Student.class.getDeclaredMethod(name);
            m.setAccessible(true);
            return m.invoke(student);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Student has no accessor " + name + "() for the phase profile", e);
        }
    }
}
