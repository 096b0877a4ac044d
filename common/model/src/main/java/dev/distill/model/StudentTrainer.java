package dev.distill.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * Training of a {@link Student} on answer tokens: cross-entropy, or cross-entropy plus token-level
 * distillation from the teacher's projected top-k distributions ({@link TrainingConfig#loss},
 * {@link TrainingLoss}).
 *
 * <p>{@link AdamW} with decoupled weight decay on linear weight matrices (not on embeddings, biases or
 * LayerNorm), the warm-up + cosine schedule of {@link TrainingConfig}, and gradient clipping by
 * global norm. Every step runs in its own {@link NDManager}, so memory stays flat. {@link #optimizerState()}
 * and the constructor that takes one let a run stop and resume exactly: same schedule position, same moments.
 *
 * <p>Long examples are truncated from the left (see {@link PaddedBatch}); the number of truncated
 * examples is reported in {@link TrainStep}.
 *
 * <p>Only one trainer may be inside {@link #step} at a time in a JVM (DJL allows one open gradient
 * collector).
 */
public final class StudentTrainer implements AutoCloseable {

    private final Student student;
    private final TrainingConfig config;
    private final Engine engine;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<Boolean> decay = new ArrayList<>();
    private final AdamW optimizer;
    private final long scheduleStart;
    private long step;
    private boolean closed;

    /** A new run. */
    public StudentTrainer(Student student, TrainingConfig config) {
        this(student, config, OptimizerState.initial());
    }

    /**
     * A run that continues from {@code state}: step numbers, the schedule (which runs from
     * {@code state.scheduleStart()}) and, when saved, AdamW's moments.
     */
    public StudentTrainer(Student student, TrainingConfig config, OptimizerState state) {
        this.student = student;
        this.config = config;
        this.step = state.step();
        this.scheduleStart = state.scheduleStart();
        this.engine = DjlEnvironment.engine();
        engine.setRandomSeed((int) config.seed());
        List<NDArray> weights = new ArrayList<>();
        for (Pair<String, Parameter> entry : student.parameters()) {
            Parameter p = entry.getValue();
            p.getArray().setRequiresGradient(true);
            parameters.add(p);
            weights.add(p.getArray());
            decay.add(p.getType() == Parameter.Type.WEIGHT && !entry.getKey().endsWith("embedding"));
        }
        this.optimizer = new AdamW(student.manager(), weights, config, state);
    }

    public Student student() {
        return student;
    }

    public TrainingConfig config() {
        return config;
    }

    /** Number of completed steps, counting those before the state this run resumed from. */
    public long stepCount() {
        return step;
    }

    /** The step the learning-rate schedule started at: 0, or where the current round began. */
    public long scheduleStart() {
        return scheduleStart;
    }

    /** A copy of where this run stands, to save beside the parameters. */
    public OptimizerState optimizerState() {
        return optimizer.state(step, scheduleStart);
    }

    /** One optimiser step on the batch (padded to its longest example). */
    public TrainStep step(List<EncodedExample> batch) {
        if (closed) {
            throw new IllegalStateException("trainer is closed");
        }
        PaddedBatch padded = PaddedBatch.of(batch, student.config(), config.loss());
        long stepNumber = step + 1;
        float learningRate = (float) config.learningRate(stepNumber - scheduleStart);
        try (NDManager scope = student.manager().newSubManager()) {
            TrainingLoss.Parts loss;
            try (GradientCollector collector = engine.newGradientCollector()) {
                loss = forwardLoss(scope, padded, true);
                collector.backward(loss.total());
            }
            double lossValue = loss.total().getFloat();
            double crossEntropy = loss.crossEntropy().getFloat();
            double distillation = loss.distillation() == null ? Double.NaN : loss.distillation().getFloat();
            double norm = clipAndUpdate(scope, learningRate);
            step = stepNumber;
            return new TrainStep(stepNumber, lossValue, crossEntropy, distillation, padded.trainedTokens(),
                    padded.distilledTokens(), padded.paddedTokens(), learningRate, norm, padded.truncated());
        }
    }

    /** The objective ({@link TrainStep#loss}) of the batch under the current parameters, without updating. */
    public double loss(List<EncodedExample> batch) {
        PaddedBatch padded = PaddedBatch.of(batch, student.config(), config.loss());
        try (NDManager scope = student.manager().newSubManager()) {
            return forwardLoss(scope, padded, false).total().getFloat();
        }
    }

    private TrainingLoss.Parts forwardLoss(NDManager scope, PaddedBatch b, boolean training) {
        Shape shape = new Shape(b.rows(), b.width());
        NDArray inputs = scope.create(b.inputs(), shape);
        NDArray positions = scope.arange(0, b.width(), 1, DataType.INT64).reshape(1, b.width()); // broadcast over rows
        NDArray targets = scope.create(b.targets(), shape);
        NDArray mask = scope.create(b.mask(), shape);
        StudentNetwork network = student.network();
        NDArray hidden = network.hidden(student.parameterStore(), inputs, positions,
                Student.causalMask(scope, b.width()), 0, null, training).get(0);
        NDArray logits = network.logits(student.parameterStore(), hidden, training);
        return TrainingLoss.compute(logits, targets, mask, b.trainedTokens(), teacherTensors(scope, b), config.loss());
    }

    private static TrainingLoss.Teacher teacherTensors(NDManager scope, PaddedBatch b) {
        PaddedBatch.TeacherBatch t = b.teacher();
        if (t == null) {
            return null;
        }
        Shape sparse = new Shape(b.rows(), b.width(), t.k());
        return new TrainingLoss.Teacher(scope.create(t.ids(), sparse), scope.create(t.probs(), sparse),
                scope.create(t.mask(), new Shape(b.rows(), b.width())), t.positions());
    }

    private double clipAndUpdate(NDManager scope, float learningRate) {
        NDArray[] grads = new NDArray[parameters.size()];
        NDArray sumSquares = null;
        for (int i = 0; i < grads.length; i++) {
            NDArray g = parameters.get(i).getArray().getGradient();
            g.attach(scope); // a fresh handle on the parameter's manager would otherwise leak per step
            grads[i] = g;
            NDArray s = g.square().sum();
            sumSquares = sumSquares == null ? s : sumSquares.add(s);
        }
        double norm = Math.sqrt(sumSquares.getFloat());
        if (config.maxGradNorm() > 0 && norm > config.maxGradNorm()) {
            float scale = (float) (config.maxGradNorm() / (norm + 1e-6));
            for (NDArray g : grads) {
                g.muli(scale);
            }
        }
        // PyTorch's grad mode is per thread and on by default: only the thread that loaded the engine starts with it
        // off, and an in-place update of a parameter with grad mode on is refused
        JniUtils.setGradMode(false);
        optimizer.beginStep();
        for (int i = 0; i < grads.length; i++) {
            NDArray weight = parameters.get(i).getArray();
            optimizer.update(scope, i, weight, grads[i], learningRate, decay.get(i));
            // PyTorch accumulates gradients and DJL's collector does not zero them.
            JniUtils.zeroGrad((PtNDArray) weight);
        }
        return norm;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            optimizer.close();
        }
    }
}
