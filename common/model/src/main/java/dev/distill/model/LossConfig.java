package dev.distill.model;

import java.util.Locale;

/**
 * Which loss a student trains with. {@link Kind#CE}: mean cross-entropy over answer tokens.
 * {@link Kind#KD}: {@code alpha * CE + beta * tau^2 * KL(q_tau || softmax(z / tau))}, the KL
 * averaged over the positions that have a teacher distribution (see {@link TrainingLoss}).
 * Samples without teacher distributions then train with {@code alpha * CE} alone.
 *
 * @param kind CE or KD
 * @param alpha weight of the cross-entropy in KD mode (ignored for CE)
 * @param beta weight of the distillation term in KD mode (ignored for CE)
 * @param tau distillation temperature, > 0 (ignored for CE)
 */
public record LossConfig(Kind kind, double alpha, double beta, double tau) {

    public enum Kind {
        CE,
        KD;

        /** "ce" or "kd", case-insensitive (the service's configuration values). */
        public static Kind parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown loss '" + value + "', expected ce or kd", e);
            }
        }
    }

    public LossConfig {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (!(alpha >= 0) || !(beta >= 0) || !(alpha + beta > 0)) {
            throw new IllegalArgumentException("need alpha >= 0, beta >= 0, alpha + beta > 0, got " + alpha + ", " + beta);
        }
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("tau must be finite and > 0, got " + tau);
        }
    }

    /** Cross-entropy only: the default. */
    public static LossConfig crossEntropy() {
        return new LossConfig(Kind.CE, 1, 0, 1);
    }

    public static LossConfig distillation(double alpha, double beta, double tau) {
        return new LossConfig(Kind.KD, alpha, beta, tau);
    }

    public boolean distills() {
        return kind == Kind.KD;
    }
}
