package dev.distill.referenceteacher.service;

/**
 * Whether a version gets a prompt wrong: hash(version, prompt) mapped to [0,1) below the version's error rate.
 * Deterministic per (version, prompt), so a re-asked prompt gets the same answer, as with a real model at temperature 0.
 */
public final class ErrorDecision {

    private ErrorDecision() {
    }

    public static double draw(String version, String prompt) {
        return StableHash.uniform("error", version, prompt);
    }

    public static boolean wrong(String version, String prompt, double errorRate) {
        return draw(version, prompt) < errorRate;
    }
}
