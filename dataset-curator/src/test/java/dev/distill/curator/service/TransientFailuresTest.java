package dev.distill.curator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {

    private static RuntimeException wrapped(String sqlState) {
        return new IllegalStateException("transaction failed", new RuntimeException(new SQLException("x", sqlState)));
    }

    @Test
    void aDeadlockOrALostConnectionIsRetriedUntilTheWorkSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        String result = TransientFailures.retry(() -> {
            int attempt = attempts.incrementAndGet();
            if (attempt == 1) {
                throw wrapped("40P01"); // deadlock detected
            }
            if (attempt == 2) {
                throw wrapped("08006"); // connection failure
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void anyOtherFailureIsThrownAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        RuntimeException constraint = wrapped("23505"); // unique violation: retrying would not help

        assertThatThrownBy(() -> TransientFailures.retry(() -> {
            attempts.incrementAndGet();
            throw constraint;
        })).isSameAs(constraint);
        assertThatThrownBy(() -> TransientFailures.retry(() -> {
            throw new IllegalArgumentException("a bug in a filter");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(attempts).hasValue(1);
        assertThat(TransientFailures.isTransient("57P01")).isTrue(); // admin shutdown: the database restarting
        assertThat(TransientFailures.isTransient(null)).isFalse();
    }
}
