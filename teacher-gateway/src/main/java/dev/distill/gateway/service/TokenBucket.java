package dev.distill.gateway.service;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A per-minute limit as a token bucket that refills continuously. {@link #reserve} never refuses: it takes the
 * tokens now and says how long the caller must wait for them to have been earned, so callers queue fairly in
 * arrival order without a scheduler. A limit of 0 means unlimited.
 */
public final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private final LongSupplier nanoClock;
    private double available;
    private long refilledAt;

    public TokenBucket(long perMinute, LongSupplier nanoClock) {
        this.capacity = perMinute;
        this.perNano = perMinute / 60e9;
        this.nanoClock = nanoClock;
        this.available = perMinute;
        this.refilledAt = nanoClock.getAsLong();
    }

    public boolean unlimited() {
        return capacity <= 0;
    }

    /** Takes {@code amount} tokens; the wait before using them (zero when they were already there). */
    public synchronized Duration reserve(long amount) {
        if (unlimited() || amount <= 0) {
            return Duration.ZERO;
        }
        refill();
        available -= amount;
        return available >= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(-available / perNano));
    }

    /** Corrects an earlier reservation once the real amount is known (positive gives tokens back). */
    public synchronized void adjust(long amount) {
        if (unlimited()) {
            return;
        }
        refill();
        available = Math.min(capacity, available + amount);
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        available = Math.min(capacity, available + (now - refilledAt) * perNano);
        refilledAt = now;
    }
}
