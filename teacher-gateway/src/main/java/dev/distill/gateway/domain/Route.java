package dev.distill.gateway.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which version of a teacher answers new prompts: the active one, or for {@code canaryPercent}% of prompts the
 * canary. The split is by a hash of the promptId, so a prompt always lands on the same side (a redelivery too).
 */
public record Route(String teacher, String activeVersion, String canaryVersion, int canaryPercent) {

    public Route {
        if (canaryPercent < 0 || canaryPercent > 100) {
            throw new IllegalArgumentException("canaryPercent must be in 0..100, was " + canaryPercent);
        }
        if (canaryPercent > 0 && canaryVersion == null) {
            throw new IllegalArgumentException("a canary percentage needs a canary version");
        }
    }

    public String versionFor(String promptId) {
        if (canaryVersion != null && canaryPercent > 0 && bucket(promptId) < canaryPercent) {
            return canaryVersion;
        }
        return activeVersion;
    }

    /** 0..99, uniform over promptIds and stable across processes and restarts. */
    static int bucket(String promptId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(promptId.getBytes(StandardCharsets.UTF_8));
            int value = ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8) | (digest[3] & 0xff);
            return Integer.remainderUnsigned(value, 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
