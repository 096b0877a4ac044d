package dev.distill.referenceteacher.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic randomness: SHA-256 of the parts, so every decision the teacher makes about a prompt is the same
 * on every run, JVM and machine (unlike {@code String.hashCode} seeds or {@code Random}).
 */
public final class StableHash {

    private StableHash() {
    }

    public static long bits(String... parts) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
        for (String part : parts) {
            digest.update(part.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0x1f); // separator: ("ab","c") and ("a","bc") must differ
        }
        return ByteBuffer.wrap(digest.digest()).getLong();
    }

    /** Uniform in [0,1). */
    public static double uniform(String... parts) {
        return (bits(parts) >>> 11) * 0x1.0p-53;
    }
}
