package dev.distill.trainer.service;

import java.time.Duration;

/**
 * Tokens and samples trained per second of wall time, measured over windows of a fixed length so that a rate covers
 * everything the training thread does between steps (reading new samples, building batches), not just the step.
 * Written by the training thread; the rates may be read from any thread.
 */
final class Throughput {

    private final long windowNanos;
    private long windowStart;
    private long tokens;
    private long samples;
    private volatile double tokensPerSecond;
    private volatile double samplesPerSecond;

    Throughput(Duration window, long nowNanos) {
        this.windowNanos = window.toNanos();
        this.windowStart = nowNanos;
    }

    /** A step that trained {@code tokens} padded tokens from {@code samples} examples ended at {@code nowNanos}. */
    void stepped(long tokens, long samples, long nowNanos) {
        this.tokens += tokens;
        this.samples += samples;
        long elapsed = nowNanos - windowStart;
        if (elapsed >= windowNanos) {
            tokensPerSecond = this.tokens * 1e9 / elapsed;
            samplesPerSecond = this.samples * 1e9 / elapsed;
            restart(nowNanos);
        }
    }

    /** Nothing is being trained: the rates are zero, and the wait does not count against the next window. */
    void idle(long nowNanos) {
        tokensPerSecond = 0;
        samplesPerSecond = 0;
        restart(nowNanos);
    }

    double tokensPerSecond() {
        return tokensPerSecond;
    }

    double samplesPerSecond() {
        return samplesPerSecond;
    }

    private void restart(long nowNanos) {
        windowStart = nowNanos;
        tokens = 0;
        samples = 0;
    }
}
