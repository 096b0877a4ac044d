package dev.distill.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Pre-LayerNorm transformer block: x + attn(ln(x)), then x + ff(ln(x)) with a GELU feed-forward. */
final class DecoderLayer extends AbstractBlock {

    private final LayerNorm attentionNorm;
    private final CausalSelfAttention attention;
    private final LayerNorm feedForwardNorm;
    private final Linear feedForwardIn;
    private final Linear feedForwardOut;
    private final StudentConfig config;

    DecoderLayer(StudentConfig config) {
        super((byte) 1);
        this.config = config;
        // LayerNorm must be told the last axis explicitly (axis 2 of B,T,D).
        attentionNorm = addChildBlock("attention_norm", LayerNorm.builder().axis(2).build());
        attention = addChildBlock("attention", new CausalSelfAttention(config));
        feedForwardNorm = addChildBlock("feed_forward_norm", LayerNorm.builder().axis(2).build());
        feedForwardIn = addChildBlock("feed_forward_in", Linear.builder().setUnits(config.ffDim()).build());
        feedForwardOut = addChildBlock("feed_forward_out", Linear.builder().setUnits(config.dModel()).build());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        attentionNorm.initialize(manager, dataType, x);
        attention.initialize(manager, dataType, x);
        feedForwardNorm.initialize(manager, dataType, x);
        feedForwardIn.initialize(manager, dataType, x);
        feedForwardOut.initialize(manager, dataType, new Shape(x.get(0), x.get(1), config.ffDim()));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray cos = inputs.size() > 2 ? inputs.get(2) : null;
        NDArray sin = inputs.size() > 3 ? inputs.get(3) : null;
        return new NDList(run(ps, inputs.get(0), inputs.get(1), cos, sin, null, null, training).get(0));
    }

    /** Returns (x, keys, values); keys/values cover past and current positions. */
    NDList run(ParameterStore ps, NDArray x, NDArray mask, NDArray cos, NDArray sin,
            NDArray pastKey, NDArray pastValue, boolean training) {
        NDArray h = attentionNorm.forward(ps, new NDList(x), training).head();
        NDList attended = attention.attend(ps, h, mask, cos, sin, pastKey, pastValue, training);
        x = x.add(attended.get(0));
        h = feedForwardNorm.forward(ps, new NDList(x), training).head();
        h = feedForwardIn.forward(ps, new NDList(h), training).head();
        h = feedForwardOut.forward(ps, new NDList(Activation.gelu(h)), training).head();
        return new NDList(x.add(h), attended.get(1), attended.get(2));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
