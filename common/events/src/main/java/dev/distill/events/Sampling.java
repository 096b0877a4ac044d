package dev.distill.events;

/**
 * Sampling parameters asked of the teacher; topLogprobs 0 means no logprobs. {@code seed} is optional (null when
 * not given, and absent in older events): a teacher that honours it answers the same request the same way.
 */
public record Sampling(double temperature, int maxTokens, int topLogprobs, Integer seed) {
    public Sampling {
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("sampling.maxTokens must be positive, was " + maxTokens);
        }
        if (topLogprobs < 0 || topLogprobs > 20) {
            throw new IllegalArgumentException("sampling.topLogprobs must be in 0..20, was " + topLogprobs);
        }
    }

    public Sampling(double temperature, int maxTokens, int topLogprobs) {
        this(temperature, maxTokens, topLogprobs, null);
    }
}
