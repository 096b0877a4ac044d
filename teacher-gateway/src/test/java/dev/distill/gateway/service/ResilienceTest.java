package dev.distill.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Token buckets, the circuit breaker, backoff and the async permits, on a hand-driven clock. */
class ResilienceTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void tokenBucketLetsABurstThroughThenSpacesCallsAtTheRate() {
        TokenBucket bucket = new TokenBucket(60, now::get); // one per second
        for (int i = 0; i < 60; i++) {
            assertThat(bucket.reserve(1)).isZero();
        }
        assertThat(bucket.reserve(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(bucket.reserve(1)).isEqualTo(Duration.ofSeconds(2)); // queued behind the previous reservation
        advance(Duration.ofSeconds(3));
        assertThat(bucket.reserve(1)).isZero();
    }

    @Test
    void tokenBucketIsCorrectedWithRealUsageAndZeroMeansUnlimited() {
        TokenBucket tokens = new TokenBucket(6000, now::get); // 100 per second
        assertThat(tokens.reserve(6000)).isZero();
        assertThat(tokens.reserve(100)).isEqualTo(Duration.ofSeconds(1));
        tokens.adjust(5000); // the big call used 1000 tokens, not 6000
        assertThat(tokens.reserve(100)).isZero();

        TokenBucket unlimited = new TokenBucket(0, now::get);
        assertThat(unlimited.reserve(1_000_000)).isZero();
    }

    @Test
    void circuitOpensAfterConsecutiveFaultsThenLetsOneTrialThrough() {
        CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(5), now::get);
        breaker.onServerFault();
        breaker.onServerFault();
        breaker.onResponse(); // a success resets the count
        breaker.onServerFault();
        breaker.onServerFault();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        breaker.onServerFault();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.admit()).isEqualTo(Duration.ofSeconds(5));

        advance(Duration.ofSeconds(5));
        assertThat(breaker.admit()).isZero(); // the trial
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.admit()).isPositive(); // others wait for the trial's outcome
        breaker.onServerFault();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);

        advance(Duration.ofSeconds(5));
        assertThat(breaker.admit()).isZero();
        breaker.onResponse();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.admit()).isZero();
    }

    @Test
    void retryAfterHoldsEveryCallWhateverTheState() {
        CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(5), now::get);
        breaker.holdFor(Duration.ofSeconds(2));
        assertThat(breaker.admit()).isEqualTo(Duration.ofSeconds(2));
        advance(Duration.ofMillis(1500));
        assertThat(breaker.admit()).isEqualTo(Duration.ofMillis(500));
        advance(Duration.ofMillis(500));
        assertThat(breaker.admit()).isZero();
    }

    @Test
    void backoffGrowsExponentiallyWithJitterIsCappedAndHonoursRetryAfter() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        for (int i = 0; i < 50; i++) {
            assertThat(backoff.before(2, Optional.empty())).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(backoff.before(4, Optional.empty())).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(backoff.before(40, Optional.empty())).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        }
        assertThat(backoff.before(2, Optional.of(Duration.ofSeconds(1)))).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.before(2, Optional.of(Duration.ofMinutes(5)))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void permitsAreHandedToWaitersInOrder() {
        AsyncPermits permits = new AsyncPermits(2);
        assertThat(permits.acquire().toCompletableFuture()).isDone();
        assertThat(permits.acquire().toCompletableFuture()).isDone();
        CompletionStage<Void> third = permits.acquire();
        CompletionStage<Void> fourth = permits.acquire();
        assertThat(third.toCompletableFuture()).isNotDone();
        assertThat(permits.waiting()).isEqualTo(2);

        permits.release();
        assertThat(third.toCompletableFuture()).isDone();
        assertThat(fourth.toCompletableFuture()).isNotDone();
        assertThat(permits.inUse()).isEqualTo(2);
        permits.release();
        permits.release();
        permits.release();
        assertThat(fourth.toCompletableFuture()).isDone();
        assertThat(permits.inUse()).isZero();
    }
}
