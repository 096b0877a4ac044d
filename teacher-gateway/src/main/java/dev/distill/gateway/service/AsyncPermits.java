package dev.distill.gateway.service;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A semaphore whose acquire never blocks a thread: it returns a stage that completes when a permit is free.
 * Waiters are served in arrival order.
 */
public final class AsyncPermits {

    private static final CompletableFuture<Void> GRANTED = CompletableFuture.completedFuture(null);

    private final int limit;
    private final ArrayDeque<CompletableFuture<Void>> waiters = new ArrayDeque<>();
    private int used;

    public AsyncPermits(int limit) {
        this.limit = Math.max(1, limit);
    }

    public synchronized CompletionStage<Void> acquire() {
        if (used < limit) {
            used++;
            return GRANTED;
        }
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        waiters.add(waiter);
        return waiter;
    }

    public void release() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = waiters.poll();
            if (next == null) {
                used--;
            }
        }
        if (next != null) {
            next.complete(null); // the permit passes straight to the next waiter
        }
    }

    public synchronized int inUse() {
        return used;
    }

    public synchronized int waiting() {
        return waiters.size();
    }

    public int limit() {
        return limit;
    }
}
