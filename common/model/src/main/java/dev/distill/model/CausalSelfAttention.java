package dev.distill.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head self-attention without dropout. Causality (and left padding during generation) comes
 * from an additive mask input, because DJL has no causal attention block.
 *
 * <p>Inputs: {@code x (B,T,D)}, {@code mask} additive, broadcastable to {@code (B,H,T,S)}, and for
 * rotary positions {@code cos}, {@code sin} of shape {@code (1,1,T,headDim)}. Optionally a cached
 * key and value {@code (B,H,P,headDim)} of earlier positions (then S = P + T). Outputs: {@code y
 * (B,T,D)}, and the keys and values of all S positions (for a KV cache).
 */
final class CausalSelfAttention extends AbstractBlock {

    private final StudentConfig config;
    private final Linear qkv;
    private final Linear output;

    CausalSelfAttention(StudentConfig config) {
        super((byte) 1);
        this.config = config;
        qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * config.dModel()).build());
        output = addChildBlock("output", Linear.builder().setUnits(config.dModel()).build());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        qkv.initialize(manager, dataType, inputShapes[0]);
        output.initialize(manager, dataType, inputShapes[0]);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return attend(ps, inputs.get(0), inputs.get(1), inputs.size() > 2 ? inputs.get(2) : null,
                inputs.size() > 3 ? inputs.get(3) : null, null, null, training);
    }

    NDList attend(ParameterStore ps, NDArray x, NDArray mask, NDArray cos, NDArray sin,
            NDArray pastKey, NDArray pastValue, boolean training) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        int h = config.heads();
        int hd = config.headDim();
        NDArray packed = qkv.forward(ps, new NDList(x), training).head()
                .reshape(b, t, 3, h, hd)
                .transpose(2, 0, 3, 1, 4); // (3, B, H, T, hd)
        NDArray q = packed.get(0);
        NDArray k = packed.get(1);
        NDArray v = packed.get(2);
        if (cos != null) {
            q = Rotary.apply(q, cos, sin);
            k = Rotary.apply(k, cos, sin);
        }
        if (pastKey != null) {
            k = pastKey.concat(k, 2);
            v = pastValue.concat(v, 2);
        }
        NDArray scores = q.mul(1.0 / Math.sqrt(hd)).matMul(k.transpose(0, 1, 3, 2)).add(mask);
        NDArray y = scores.softmax(-1).matMul(v) // (B, H, T, hd)
                .transpose(0, 2, 1, 3)
                .reshape(b, t, config.dModel());
        NDArray out = output.forward(ps, new NDList(y), training).head();
        return new NDList(out, k, v);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
