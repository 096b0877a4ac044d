package dev.distill.curator.dedup;

import java.nio.charset.StandardCharsets;

/**
 * Locality-sensitive hashing of MinHash signatures by banding: the signature is cut into {@code bands} bands of
 * {@code rows} values and each band is hashed, with the scope (e.g. the dataset version) and the band index, to one
 * 64-bit bucket key. Two signatures of the same scope that agree on all rows of some band share that band's key;
 * keys of different scopes or different bands are unrelated. Immutable and thread-safe.
 *
 * <p>Key of band {@code b}: 64-bit FNV-1a over [UTF-8 length of scope as 4 bytes big-endian, the scope's UTF-8 bytes,
 * b as 4 bytes, the band's ints as 4 bytes each, big-endian], then the SplitMix64 finaliser.
 */
public final class LshBands {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final int bands;
    private final int rows;

    public LshBands(int bands, int rows) {
        if (bands < 1 || rows < 1) {
            throw new IllegalArgumentException("bands and rows must be >= 1, were " + bands + " x " + rows);
        }
        this.bands = bands;
        this.rows = rows;
    }

    public int bands() {
        return bands;
    }

    public int rows() {
        return rows;
    }

    /** One bucket key per band, in band order. */
    public long[] buckets(String scope, int[] signature) {
        if (signature.length != bands * rows) {
            throw new IllegalArgumentException("signature size " + signature.length + " != bands x rows = "
                    + bands + " x " + rows);
        }
        byte[] scopeBytes = scope.getBytes(StandardCharsets.UTF_8);
        long prefix = FNV_OFFSET;
        prefix = mixInt(prefix, scopeBytes.length);
        for (byte b : scopeBytes) {
            prefix = mixByte(prefix, b);
        }
        long[] keys = new long[bands];
        for (int band = 0; band < bands; band++) {
            long h = mixInt(prefix, band);
            for (int r = 0; r < rows; r++) {
                h = mixInt(h, signature[band * rows + r]);
            }
            keys[band] = Shingles.mix(h);
        }
        return keys;
    }

    /** Whether two bucket sets share a key: the LSH candidate test. */
    public static boolean shareBucket(long[] a, long[] b) {
        for (long x : a) {
            for (long y : b) {
                if (x == y) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long mixInt(long h, int value) {
        h = mixByte(h, (byte) (value >>> 24));
        h = mixByte(h, (byte) (value >>> 16));
        h = mixByte(h, (byte) (value >>> 8));
        return mixByte(h, (byte) value);
    }

    private static long mixByte(long h, byte b) {
        return (h ^ (b & 0xff)) * FNV_PRIME;
    }
}
