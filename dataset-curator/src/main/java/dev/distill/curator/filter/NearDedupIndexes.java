package dev.distill.curator.filter;

import dev.distill.curator.config.CuratorConfig;
import dev.distill.curator.dedup.BucketIndex;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The near-dedup LSH bucket keys of every dataset version this instance curates, in memory ({@link BucketIndex}),
 * kept level with the {@code near_dedup} table. A batch asks for its candidates while it holds the near-dedup locks of
 * its dataset versions, so every row of those versions added before (by this replica or another) is committed; ids
 * are drawn in one sequence while the lock is held, so they increase per dataset version, and reading the rows above
 * the index's last id brings it level. A batch's own rows are read back by the next batch, which is also why a batch
 * that rolls back leaves nothing here. An index not used for {@code near-dedup.index-idle} is dropped and read again
 * when needed.
 *
 * <p>Gauges: {@code distill_curator_near_dedup_index_rows} and {@code distill_curator_near_dedup_index_bytes}.
 */
@ApplicationScoped
public class NearDedupIndexes {

    private static final Logger LOG = Logger.getLogger(NearDedupIndexes.class);
    private static final int FETCH_ROWS = 10_000;
    /** Reading more rows than this at once (after a start, or from another replica) is logged. */
    private static final int LOGGED_READ = 50_000;

    private final Map<String, Entry> indexes = new ConcurrentHashMap<>();
    private final long idleNanos;
    private volatile long warnedShare;

    public NearDedupIndexes(CuratorConfig config, MeterRegistry registry) {
        this.idleNanos = config.nearDedup().indexIdle().toNanos();
        Gauge.builder("distill.curator.near.dedup.index.rows", this, NearDedupIndexes::rows)
                .description("Accepted samples whose LSH bucket keys are held in memory").register(registry);
        Gauge.builder("distill.curator.near.dedup.index.bytes", this, NearDedupIndexes::bytes)
                .description("Heap held by the in-memory LSH bucket indexes").baseUnit("bytes").register(registry);
    }

    /** What a sample is looked up by. */
    public record Lookup(String dataset, long[] buckets) {
    }

    /**
     * For each lookup, the ids of the stored rows of its dataset version that share a bucket key with it, in the same
     * order. In a transaction that holds the near-dedup locks of every dataset version looked up.
     */
    public List<Set<Long>> candidates(Connection connection, List<Lookup> lookups) throws SQLException {
        Map<String, List<Integer>> byDataset = new HashMap<>();
        for (int i = 0; i < lookups.size(); i++) {
            byDataset.computeIfAbsent(lookups.get(i).dataset(), d -> new ArrayList<>()).add(i);
        }
        List<Set<Long>> candidates = new ArrayList<>(Collections.nCopies(lookups.size(), null));
        long now = System.nanoTime();
        for (Map.Entry<String, List<Integer>> dataset : byDataset.entrySet()) {
            Entry entry = indexes.computeIfAbsent(dataset.getKey(), d -> new Entry(now));
            synchronized (entry) {
                catchUp(connection, dataset.getKey(), entry.index);
                for (int i : dataset.getValue()) {
                    Set<Long> ids = new HashSet<>();
                    entry.index.candidates(lookups.get(i).buckets(), ids);
                    candidates.set(i, ids);
                }
                entry.usedAt = now;
            }
        }
        indexes.values().removeIf(entry -> now - entry.usedAt > idleNanos);
        warnWhenLarge();
        return candidates;
    }

    /** Once past half the heap, and again at each further tenth: the heap must be sized for the indexes. */
    private void warnWhenLarge() {
        long heap = Runtime.getRuntime().maxMemory();
        long share = (long) (bytes() * 10 / heap);
        if (share >= 5 && share > warnedShare) {
            warnedShare = share;
            LOG.warnf("the in-memory near-dedup indexes hold %d samples in %d MB, %d%% of the %d MB heap; give the"
                    + " curator more memory (about 300 bytes per curated sample of each active dataset version)",
                    (long) rows(), (long) bytes() >> 20, share * 10, heap >> 20);
        }
    }

    private static void catchUp(Connection connection, String dataset, BucketIndex index) throws SQLException {
        long started = System.nanoTime();
        int before = index.rows();
        try (PreparedStatement select = connection.prepareStatement(
                "select id, buckets from near_dedup where dataset_version = ? and id > ? order by id")) {
            select.setFetchSize(FETCH_ROWS);
            select.setString(1, dataset);
            select.setLong(2, index.lastId());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Object[] buckets = (Object[]) rs.getArray(2).getArray();
                    long[] keys = new long[buckets.length];
                    for (int i = 0; i < keys.length; i++) {
                        keys[i] = ((Number) buckets[i]).longValue();
                    }
                    index.add(rs.getLong(1), keys);
                }
            }
        }
        int read = index.rows() - before;
        if (read > LOGGED_READ) {
            LOG.infof("near-dedup index of %s: read %d stored samples in %.1f s; %d in memory (%d MB)", dataset, read,
                    (System.nanoTime() - started) / 1e9, index.rows(), index.bytes() >> 20);
        }
    }

    private double rows() {
        return indexes.values().stream().mapToLong(entry -> entry.index.rows()).sum();
    }

    private double bytes() {
        return indexes.values().stream().mapToLong(entry -> entry.index.bytes()).sum();
    }

    private static final class Entry {

        final BucketIndex index = new BucketIndex();
        volatile long usedAt;

        Entry(long usedAt) {
            this.usedAt = usedAt;
        }
    }
}
