package dev.distill.skills;

import java.util.Locale;

/**
 * Which side of the train/eval divide a prompt is on. Seeds are disjoint by construction: a train
 * seed is even and an eval seed is odd, whatever the campaign seed and index.
 */
public enum Split {
    TRAIN, EVAL;

    public long seed(long campaignSeed, long index) {
        long mixed = mix(campaignSeed * 0x9E3779B97F4A7C15L + index);
        return this == TRAIN ? (mixed & ~1L) : (mixed | 1L);
    }

    public static Split ofSeed(long seed) {
        return (seed & 1L) == 0 ? TRAIN : EVAL;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Split fromWire(String value) {
        for (Split split : values()) {
            if (split.wireName().equals(value)) {
                return split;
            }
        }
        throw new IllegalArgumentException("unknown split '" + value + "', expected train or eval");
    }

    /** SplitMix64 finaliser: spreads consecutive indexes over the whole seed space. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
