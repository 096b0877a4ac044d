package dev.distill.promptgenerator.service;

/**
 * A token bucket at a campaign's rate holding at most one second's worth (and at most a batch), so emission
 * after a wait (lag, restart) resumes at the rate instead of bursting to catch up.
 */
final class Pacer {

    private final double ratePerSecond;
    private final double capacity;
    private final long maxSleepMillis;
    private double tokens = 1;
    private long lastNanos = System.nanoTime();

    Pacer(double ratePerSecond, int maxBatch, long maxSleepMillis) {
        this.ratePerSecond = ratePerSecond;
        this.capacity = Math.max(1, Math.min(maxBatch, ratePerSecond));
        this.maxSleepMillis = maxSleepMillis;
    }

    /** How many prompts may go now (at least one, at most max), sleeping until one may. */
    int awaitDue(int max) throws InterruptedException {
        while (true) {
            refill();
            if (tokens >= 1) {
                return (int) Math.min(max, Math.floor(tokens));
            }
            long millis = (long) Math.ceil((1 - tokens) / ratePerSecond * 1000);
            Thread.sleep(Math.max(1, Math.min(maxSleepMillis, millis)));
        }
    }

    void spent(int prompts) {
        tokens -= prompts;
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - lastNanos) / 1e9 * ratePerSecond);
        lastNanos = now;
    }
}
