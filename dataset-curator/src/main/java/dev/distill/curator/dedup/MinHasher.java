package dev.distill.curator.dedup;

import java.util.Arrays;

/**
 * MinHash signatures of shingle sets. Position {@code i} of a signature is the minimum, over the shingles, of
 * {@code (int) SplitMix64(shingle ^ seed_i)} where {@code seed_i = SplitMix64(seed + (i + 1) * 0x9E3779B97F4A7C15)}.
 * Two signatures made with the same size and seed agree at each position with probability equal to the Jaccard
 * similarity of the two shingle sets. Immutable and thread-safe.
 */
public final class MinHasher {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private final long[] seeds;

    public MinHasher(int size, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("signature size must be >= 1, was " + size);
        }
        seeds = new long[size];
        for (int i = 0; i < size; i++) {
            seeds[i] = Shingles.mix(seed + (i + 1) * GOLDEN_GAMMA);
        }
    }

    public int size() {
        return seeds.length;
    }

    /** The signature of a shingle set (duplicates in {@code shingles} do not matter); empty: all {@link Integer#MAX_VALUE}. */
    public int[] signature(long[] shingles) {
        int[] signature = new int[seeds.length];
        Arrays.fill(signature, Integer.MAX_VALUE);
        for (long shingle : shingles) {
            for (int i = 0; i < seeds.length; i++) {
                int h = (int) Shingles.mix(shingle ^ seeds[i]);
                if (h < signature[i]) {
                    signature[i] = h;
                }
            }
        }
        return signature;
    }

    /** The estimated Jaccard similarity: the fraction of positions where the two signatures agree. */
    public static double similarity(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("signature sizes differ: " + a.length + " vs " + b.length);
        }
        if (a.length == 0) {
            throw new IllegalArgumentException("empty signatures");
        }
        int equal = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                equal++;
            }
        }
        return (double) equal / a.length;
    }
}
