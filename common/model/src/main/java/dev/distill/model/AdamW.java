package dev.distill.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW with the update of {@code torch.optim.AdamW}: decoupled weight decay {@code w -= lr * wd * w}, then
 * {@code w -= lr * m̂ / (sqrt(v̂) + eps)} with bias-corrected moments. It is our own rather than DJL's so that its
 * moments and step count can be saved in a checkpoint and restored: a resumed run then takes the very steps the
 * uninterrupted one would have taken.
 *
 * <p>The moments live in a manager of their own, one pair per parameter in the trainer's parameter order.
 */
final class AdamW implements AutoCloseable {

    private static final float EPSILON = 1e-8f;

    private final float beta1;
    private final float beta2;
    private final float weightDecay;
    private final NDManager manager;
    private final List<NDArray> means = new ArrayList<>();
    private final List<NDArray> variances = new ArrayList<>();
    /** Updates folded into the moments: the exponent of the bias corrections. */
    private long updates;

    /** Fresh moments (zeros) for {@code weights}, or the saved ones of {@code state} when it carries them. */
    AdamW(NDManager parent, List<NDArray> weights, TrainingConfig config, OptimizerState state) {
        this.beta1 = (float) config.beta1();
        this.beta2 = (float) config.beta2();
        this.weightDecay = (float) config.weightDecay();
        this.manager = parent.newSubManager();
        this.updates = state.momentUpdates();
        if (state.hasMoments() && state.means().size() != weights.size()) {
            throw new IllegalArgumentException("the optimizer state has moments for " + state.means().size()
                    + " parameters, the student has " + weights.size());
        }
        for (int i = 0; i < weights.size(); i++) {
            NDArray weight = weights.get(i);
            if (state.hasMoments()) {
                means.add(restore(state.means().get(i), weight, "first moment", i));
                variances.add(restore(state.variances().get(i), weight, "second moment", i));
            } else {
                means.add(manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice()));
                variances.add(manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice()));
            }
        }
    }

    private NDArray restore(float[] values, NDArray weight, String what, int index) {
        if (values.length != weight.size()) {
            throw new IllegalArgumentException("the saved " + what + " of parameter " + index + " has " + values.length
                    + " values, the parameter " + weight.size());
        }
        return manager.create(values, weight.getShape()).toDevice(weight.getDevice(), false);
    }

    /** Starts an optimiser step: the bias corrections of the updates that follow count it. */
    void beginStep() {
        updates++;
    }

    long updates() {
        return updates;
    }

    /**
     * Updates parameter {@code index} in place; {@code decay} says whether weight decay applies to it. Temporaries
     * go to {@code scope} (an op's result belongs to its operand's manager, which for the moments would be ours).
     */
    void update(NDManager scope, int index, NDArray weight, NDArray gradient, float learningRate, boolean decay) {
        NDArray m = means.get(index);
        NDArray v = variances.get(index);
        m.muli(beta1).addi(inScope(scope, gradient.mul(1 - beta1)));
        v.muli(beta2).addi(inScope(scope, gradient.square()).muli(1 - beta2));
        double correction1 = 1 - Math.pow(beta1, updates);
        double correction2 = 1 - Math.pow(beta2, updates);
        if (decay && weightDecay > 0) {
            weight.muli(1 - learningRate * weightDecay);
        }
        // lr * m̂ / (sqrt(v̂) + eps), with the corrections folded into scalars
        NDArray denominator = inScope(scope, v.sqrt()).muli((float) (1 / Math.sqrt(correction2))).addi(EPSILON);
        weight.subi(inScope(scope, m.div(denominator)).muli((float) (learningRate / correction1)));
    }

    private static NDArray inScope(NDManager scope, NDArray array) {
        array.attach(scope);
        return array;
    }

    /** A copy of the moments, for a checkpoint at {@code step} of a schedule that started at {@code scheduleStart}. */
    OptimizerState state(long step, long scheduleStart) {
        List<float[]> m = new ArrayList<>(means.size());
        List<float[]> v = new ArrayList<>(variances.size());
        for (int i = 0; i < means.size(); i++) {
            m.add(means.get(i).toFloatArray());
            v.add(variances.get(i).toFloatArray());
        }
        return new OptimizerState(step, scheduleStart, updates, m, v);
    }

    @Override
    public void close() {
        manager.close();
    }
}
