package dev.distill.promptgenerator.service;

import dev.distill.promptgenerator.config.GeneratorConfig;
import dev.distill.promptgenerator.messaging.ConsumerGroupLag;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * Holds emission back while the gateway's consumer group lags by more than {@code generator.pacing.max-lag}: asking
 * faster than the teacher answers only grows the topic. An unknown lag (no commits yet, broker unreachable) does
 * not hold anything back.
 */
@ApplicationScoped
public class LagGate {

    private final ConsumerGroupLag lag;
    private final GeneratorConfig.Pacing config;

    public LagGate(ConsumerGroupLag lag, GeneratorConfig config) {
        this.lag = lag;
        this.config = config.pacing();
    }

    public boolean tooFarBehind() {
        if (config.maxLag() <= 0) {
            return false;
        }
        OptionalLong current = lag.lag();
        return current.isPresent() && current.getAsLong() > config.maxLag();
    }

    /** Sleeps while the gateway is too far behind and {@code keepWaiting} holds; returns the nanoseconds waited. */
    public long awaitCaughtUp(BooleanSupplier keepWaiting) throws InterruptedException {
        long start = System.nanoTime();
        while (tooFarBehind() && keepWaiting.getAsBoolean()) {
            Thread.sleep(Math.max(10, config.checkInterval().toMillis()));
        }
        return System.nanoTime() - start;
    }
}
