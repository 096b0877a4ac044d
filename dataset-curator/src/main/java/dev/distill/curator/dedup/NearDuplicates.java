package dev.distill.curator.dedup;

import java.util.Arrays;

/**
 * Near-duplicate detection facade: a text's {@link Fingerprint} is its MinHash signature and its LSH bucket keys
 * within a scope (the dataset version). Stored samples sharing a bucket with a new one are its candidates; a candidate
 * is a near-duplicate when {@link #isNearDuplicate} holds. Everything is deterministic for given parameters, so
 * fingerprints computed by different processes can be compared. Immutable and thread-safe.
 *
 * <p>The curator's setting (application.properties: two-word shingles, 128-value signatures in 32 bands of 4
 * rows, threshold 0.6) is checked against the planted corpus in {@code NearDuplicatesTest}: paraphrases differing
 * by one to three words must match, templated problems differing only in names and numbers must not. Single-word
 * shingles ignore word order and score such templated texts high (0.74 there); at 0.6, 32x4 makes a pair an LSH
 * candidate with probability {@code 1 - (1 - 0.6^4)^32 = 0.99}.
 */
public final class NearDuplicates {

    /** The seed every curator replica uses: they must all draw the same hash functions. */
    public static final long SEED = 0x5EED_D15711L;

    private final int shingleWords;
    private final double threshold;
    private final MinHasher hasher;
    private final LshBands bands;

    public NearDuplicates(int shingleWords, int bands, int rows, double threshold, long seed) {
        if (shingleWords < 1) {
            throw new IllegalArgumentException("shingle words must be >= 1, was " + shingleWords);
        }
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
        }
        this.shingleWords = shingleWords;
        this.threshold = threshold;
        this.bands = new LshBands(bands, rows);
        this.hasher = new MinHasher(Math.multiplyExact(bands, rows), seed);
    }


    public Fingerprint fingerprint(String scope, String text) {
        int[] signature = hasher.signature(Shingles.of(text, shingleWords));
        return new Fingerprint(signature, bands.buckets(scope, signature));
    }

    /** Whether the estimated Jaccard similarity of two signatures reaches the threshold. */
    public boolean isNearDuplicate(int[] a, int[] b) {
        return MinHasher.similarity(a, b) >= threshold;
    }

    /** The estimated Jaccard similarity of two signatures (see {@link MinHasher#similarity}); sizes must match. */
    public static double similarity(int[] a, int[] b) {
        return MinHasher.similarity(a, b);
    }

    public double threshold() {
        return threshold;
    }

    public int shingleWords() {
        return shingleWords;
    }

    public int bands() {
        return bands.bands();
    }

    public int rows() {
        return bands.rows();
    }

    /** A text's MinHash signature and LSH bucket keys (one per band). Arrays are copied in and out. */
    public record Fingerprint(int[] signature, long[] buckets) {

        public Fingerprint {
            signature = signature.clone();
            buckets = buckets.clone();
        }

        @Override
        public int[] signature() {
            return signature.clone();
        }

        @Override
        public long[] buckets() {
            return buckets.clone();
        }

        /** Whether the two share an LSH bucket (i.e. are candidates for the similarity check). */
        public boolean sharesBucketWith(Fingerprint other) {
            return LshBands.shareBucket(buckets, other.buckets);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Fingerprint f && Arrays.equals(signature, f.signature) && Arrays.equals(buckets, f.buckets);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(signature) + Arrays.hashCode(buckets);
        }

        @Override
        public String toString() {
            return "Fingerprint[signature=" + signature.length + " ints, buckets=" + Arrays.toString(buckets) + "]";
        }
    }
}
