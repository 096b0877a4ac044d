package dev.distill.curator.filter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.stream.Stream;

/**
 * Transaction-scoped advisory locks on dataset versions, one per stateful filter and dataset: a batch holds them from
 * reading a filter's state until its transaction commits what it added, so batches of one dataset (on one replica or
 * several) take turns at the dedup step and each sees what the ones before it accepted. Locks are taken in ascending
 * key order (a function scan reads the array in order), and every filter's before the next filter's, so two batches never wait on each other in a cycle.
 */
final class DatasetLocks {

    private DatasetLocks() {
    }

    static void lock(Connection connection, String filter, Stream<String> datasets) throws SQLException {
        Long[] keys = datasets.distinct().map(dataset -> AdvisoryKeys.of(filter, dataset)).sorted().toArray(Long[]::new);
        try (PreparedStatement lock = connection.prepareStatement(
                "select pg_advisory_xact_lock(k) from unnest(?::bigint[]) k")) {
            lock.setArray(1, connection.createArrayOf("bigint", keys));
            lock.execute();
        }
    }
}
