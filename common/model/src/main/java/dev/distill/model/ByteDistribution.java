package dev.distill.model;

import java.util.Arrays;

/**
 * A sparse probability distribution over byte ids 0..255: the teacher's belief about one byte the
 * student predicts. Ids are strictly increasing and the probabilities sum to 1 (within float
 * rounding); ids outside the support have probability 0.
 */
public record ByteDistribution(int[] ids, float[] probs) {

    public ByteDistribution {
        if (ids.length == 0 || ids.length != probs.length) {
            throw new IllegalArgumentException("need as many probabilities as ids, at least one: "
                    + ids.length + " vs " + probs.length);
        }
        double sum = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] > 255 || (i > 0 && ids[i] <= ids[i - 1])) {
                throw new IllegalArgumentException("ids must be strictly increasing bytes 0..255: " + Arrays.toString(ids));
            }
            if (!(probs[i] >= 0) || Float.isInfinite(probs[i])) {
                throw new IllegalArgumentException("probabilities must be finite and >= 0: " + Arrays.toString(probs));
            }
            sum += probs[i];
        }
        if (Math.abs(sum - 1) > 1e-4) {
            throw new IllegalArgumentException("probabilities must sum to 1, got " + sum);
        }
    }

    public int size() {
        return ids.length;
    }

    /** Probability of byte {@code id} (0 outside the support). */
    public double probability(int id) {
        int i = Arrays.binarySearch(ids, id);
        return i < 0 ? 0 : probs[i];
    }

    /**
     * q^(1/tau) renormalised over the support: the teacher distribution at temperature tau, as if
     * its logits had been divided by tau (exact on the support, since log q differs from the
     * logits by a constant). Computed in log space so a small tau does not overflow.
     */
    public float[] tempered(double tau) {
        if (!(tau > 0)) {
            throw new IllegalArgumentException("tau must be > 0, got " + tau);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float p : probs) {
            max = Math.max(max, Math.log(p));
        }
        double[] w = new double[probs.length];
        double sum = 0;
        for (int i = 0; i < probs.length; i++) {
            w[i] = probs[i] == 0 ? 0 : Math.exp((Math.log(probs[i]) - max) / tau);
            sum += w[i];
        }
        float[] out = new float[probs.length];
        for (int i = 0; i < probs.length; i++) {
            out[i] = (float) (w[i] / sum);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteDistribution d && Arrays.equals(ids, d.ids) && Arrays.equals(probs, d.probs);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(probs);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ByteDistribution{");
        for (int i = 0; i < ids.length; i++) {
            s.append(i == 0 ? "" : ", ").append(ids[i]).append('=').append(probs[i]);
        }
        return s.append('}').toString();
    }
}
