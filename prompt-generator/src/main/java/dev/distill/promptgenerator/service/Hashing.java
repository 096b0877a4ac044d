package dev.distill.promptgenerator.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 where a stable, well-spread number is needed from a string (lock keys, replay sampling). */
final class Hashing {

    private Hashing() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /** The first 64 bits of SHA-256 of the UTF-8 text. */
    static long first64Bits(String text) {
        byte[] digest = sha256().digest(text.getBytes(StandardCharsets.UTF_8));
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (digest[i] & 0xFF);
        }
        return bits;
    }

    /** A uniform number in [0, 1) from the text. */
    static double unit(String text) {
        return (first64Bits(text) >>> 11) * 0x1.0p-53;
    }
}
