package dev.distill.curator.filter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** 64-bit keys (for PostgreSQL advisory locks, and as compact identities) from the first 8 bytes of SHA-256 over the parts. */
final class AdvisoryKeys {

    private AdvisoryKeys() {
    }

    static long of(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("dataset-curator".getBytes(StandardCharsets.UTF_8));
            for (String part : parts) {
                digest.update((byte) 0);
                digest.update(part.getBytes(StandardCharsets.UTF_8));
            }
            byte[] bytes = digest.digest();
            long key = 0;
            for (int i = 0; i < 8; i++) {
                key = (key << 8) | (bytes[i] & 0xFF);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
