package dev.distill.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embedding (RoPE, "rotate half" layout). Attention scores then depend only on the
 * relative offset of query and key, which suits digit-column lookups such as "the digit three
 * places before the plus sign".
 */
final class Rotary {

    private static final double BASE = 10_000.0;

    private Rotary() {}

    /** cos and sin tables of shape (1, 1, T, headDim) for positions start .. start+T-1. */
    static NDList tables(NDManager manager, int start, int length, int headDim) {
        int half = headDim / 2;
        float[] cos = new float[length * headDim];
        float[] sin = new float[length * headDim];
        for (int p = 0; p < length; p++) {
            for (int i = 0; i < half; i++) {
                double angle = (start + p) / Math.pow(BASE, (2.0 * i) / headDim);
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                cos[p * headDim + i] = c;
                cos[p * headDim + half + i] = c;
                sin[p * headDim + i] = s;
                sin[p * headDim + half + i] = s;
            }
        }
        Shape shape = new Shape(1, 1, length, headDim);
        return new NDList(manager.create(cos, shape), manager.create(sin, shape));
    }

    /** x (B,H,T,hd) rotated: x*cos + rotateHalf(x)*sin. */
    static NDArray apply(NDArray x, NDArray cos, NDArray sin) {
        long half = x.getShape().get(3) / 2;
        NDList parts = x.split(new long[] {half}, 3);
        NDArray rotated = NDArrays.concat(new NDList(parts.get(1).neg(), parts.get(0)), 3);
        return x.mul(cos).add(rotated.mul(sin));
    }
}
