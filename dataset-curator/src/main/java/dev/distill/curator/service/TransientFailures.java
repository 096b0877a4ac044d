package dev.distill.curator.service;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Retries work that failed for a reason that passes: the database unreachable or restarting, too busy, or a deadlock
 * or serialization failure between replicas. Curation then waits (the consumer's lag grows and alerts) instead of
 * dead-lettering responses that are fine. Any other failure is thrown at once.
 */
final class TransientFailures {

    private static final Logger LOG = Logger.getLogger(TransientFailures.class);
    private static final Duration FIRST_WAIT = Duration.ofMillis(100);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

    private TransientFailures() {
    }

    static <T> T retry(Supplier<T> work) {
        Duration wait = FIRST_WAIT;
        for (int attempt = 1;; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                String state = sqlState(e);
                if (!isTransient(state)) {
                    throw e;
                }
                LOG.warnf("curation attempt %d failed (SQLState %s: %s); retrying in %d ms", attempt, state,
                        e.getMessage(), wait.toMillis());
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
            }
        }
    }

    /** Connection exceptions (08), insufficient resources (53), operator intervention (57P), rollbacks (40). */
    static boolean isTransient(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("53")
                || sqlState.startsWith("57P") || sqlState.startsWith("40"));
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry curation", e);
        }
    }
}
