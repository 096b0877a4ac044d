package dev.distill.gateway.service;

import dev.distill.events.TeacherRef;
import dev.distill.gateway.client.ChatCompletionRequest;
import dev.distill.gateway.client.TeacherCallException;
import dev.distill.gateway.client.TeacherEndpoint;
import dev.distill.gateway.client.TeacherReply;
import dev.distill.gateway.domain.Limits;
import io.micrometer.core.instrument.Meter;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Everything between the gateway and one teacher version: the in-flight bound, the request and token buckets, the
 * circuit breaker, and retries with backoff. Callers hold a permit ({@link #acquire}/{@link #release}) around their
 * whole piece of work; {@link #call} then admits, sends and retries without blocking a thread.
 */
public final class TeacherChannel implements AutoCloseable {

    private static final Duration ONE_MS = Duration.ofMillis(1);

    /** Rough characters per token, to reserve tokens-per-minute before the teacher reports real usage. */
    private static final int CHARS_PER_TOKEN = 4;

    private final TeacherRef ref;
    private final TeacherEndpoint endpoint;
    private final AsyncPermits permits;
    private final TokenBucket requestBucket;
    private final TokenBucket tokenBucket;
    private final CircuitBreaker breaker;
    private final Backoff backoff;
    private final int maxAttempts;
    private final TeacherMetrics metrics;
    private final List<Meter> gauges;

    public TeacherChannel(TeacherRef ref, TeacherEndpoint endpoint, Limits limits, CircuitBreaker breaker,
            Backoff backoff, int maxAttempts, TeacherMetrics metrics) {
        this.ref = ref;
        this.endpoint = endpoint;
        this.permits = new AsyncPermits(limits.maxInFlight());
        this.requestBucket = new TokenBucket(limits.requestsPerMinute(), System::nanoTime);
        this.tokenBucket = new TokenBucket(limits.tokensPerMinute(), System::nanoTime);
        this.breaker = breaker;
        this.backoff = backoff;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.metrics = metrics;
        this.gauges = metrics.channelGauges(ref, permits::inUse, permits::waiting, () -> breaker.state().gauge);
    }

    public TeacherRef ref() {
        return ref;
    }

    /** Completes when this caller may start; Kafka consumption waits on it, so a full channel pauses the consumer. */
    public CompletionStage<Void> acquire() {
        return permits.acquire();
    }

    public void release() {
        permits.release();
    }

    /** No call holds a permit (a retired channel can then be closed). */
    public boolean idle() {
        return permits.inUse() == 0;
    }

    /** The answer, or a failed Uni with the last {@link TeacherCallException} once retries are spent. */
    public Uni<TeacherReply> call(ChatCompletionRequest request) {
        ChatCompletionRequest routed = request.withModel(ref.model());
        long estimate = routed.messageChars() / CHARS_PER_TOKEN + (routed.maxTokens() == null ? 0 : routed.maxTokens());
        return attempt(routed, estimate, 1);
    }

    private Uni<TeacherReply> attempt(ChatCompletionRequest request, long estimatedTokens, int attempt) {
        return admitted(estimatedTokens).chain(() -> {
            long started = System.nanoTime();
            return endpoint.send(request)
                    .invoke(reply -> {
                        breaker.onResponse();
                        metrics.attempt(ref, "ok", System.nanoTime() - started);
                        var usage = reply.body().usage();
                        if (usage != null) {
                            tokenBucket.adjust(estimatedTokens - usage.promptTokens() - usage.completionTokens());
                        }
                    })
                    .onFailure(TeacherCallException.class).recoverWithUni(failure -> {
                        TeacherCallException e = (TeacherCallException) failure;
                        metrics.attempt(ref, e.kind().tag(), System.nanoTime() - started);
                        if (e.kind() != TeacherCallException.Kind.TIMEOUT) {
                            tokenBucket.adjust(estimatedTokens); // refused or failed: no tokens were generated
                        }
                        if (e.serverFault()) {
                            breaker.onServerFault();
                        } else {
                            breaker.onResponse();
                        }
                        e.retryAfter().filter(d -> e.kind() == TeacherCallException.Kind.THROTTLED)
                                .ifPresent(breaker::holdFor);
                        if (!e.retryable() || attempt >= maxAttempts) {
                            return Uni.createFrom().failure(e.afterAttempts(attempt, ref.qualifiedVersion()));
                        }
                        metrics.retry(ref, e.kind().tag());
                        return delay(backoff.before(attempt + 1, e.retryAfter()))
                                .chain(() -> attempt(request, estimatedTokens, attempt + 1));
                    });
        });
    }

    /** Waits until the circuit lets a call through, then until the request and token buckets have room. */
    private Uni<Void> admitted(long estimatedTokens) {
        Duration closedIn = breaker.admit();
        if (!closedIn.isZero()) {
            return delay(closedIn).chain(() -> admitted(estimatedTokens));
        }
        Duration wait = max(requestBucket.reserve(1), tokenBucket.reserve(estimatedTokens));
        return wait.isZero() ? Uni.createFrom().voidItem() : delay(wait);
    }

    /** Vert.x timers take whole milliseconds (at least 1): a sub-millisecond wait (a bucket's refill) is rounded up. */
    private static Uni<Void> delay(Duration duration) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(duration.compareTo(ONE_MS) < 0 ? ONE_MS : duration);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Replaced by a channel with new settings: its gauges go now, its connections once {@link #idle()}. */
    public void retire() {
        metrics.remove(gauges);
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
