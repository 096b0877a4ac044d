package dev.distill.promptgenerator.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A PostgreSQL session advisory lock per job, held on its own connection while the job is emitted: two generator
 * instances never emit the same campaign at once, and when an instance dies its connection closes, the lock goes,
 * and another instance picks the job up.
 */
@ApplicationScoped
public class JobLock {

    /** A held lock; closing it releases the lock and the connection. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private final AgroalDataSource dataSource;

    public JobLock(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Held> tryLock(String jobId) {
        long key = key(jobId);
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
                lock.setLong(1, key);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        connection.close();
                        return Optional.empty();
                    }
                }
            }
            Connection held = connection;
            return Optional.of(() -> release(held, key));
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("cannot take the lock of " + jobId + ": " + e.getMessage(), e);
        }
    }

    private static void release(Connection connection, long key) {
        try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            unlock.setLong(1, key);
            unlock.execute();
        } catch (SQLException e) {
            // the lock goes with the connection anyway
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
        }
    }

    /** 64 bits of SHA-256 of the job id, prefixed so it does not meet other services' keys in practice. */
    static long key(String jobId) {
        return Hashing.first64Bits("prompt-generator:" + jobId);
    }
}
