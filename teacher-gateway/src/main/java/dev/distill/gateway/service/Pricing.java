package dev.distill.gateway.service;

import dev.distill.events.Usage;

/** USD per 1000 prompt and completion tokens. */
public record Pricing(double promptPer1k, double completionPer1k) {

    public double cost(Usage usage) {
        return usage.promptTokens() / 1000.0 * promptPer1k + usage.completionTokens() / 1000.0 * completionPer1k;
    }
}
