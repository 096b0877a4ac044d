package dev.distill.gateway.domain;

import dev.distill.events.Usage;

/** USD per 1000 prompt and completion tokens. */
public record Price(double promptPer1k, double completionPer1k) {

    public static final Price FREE = new Price(0, 0);

    public double cost(Usage usage) {
        return usage.promptTokens() / 1000.0 * promptPer1k + usage.completionTokens() / 1000.0 * completionPer1k;
    }
}
