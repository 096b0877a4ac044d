package dev.distill.gateway.domain;

import dev.distill.events.TeacherRef;
import dev.distill.events.Usage;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Tokens and money per teacher version: what was billed, and how many requests the cache answered instead.
 * Calls add to an in-memory total that is written once a second (and at shutdown): every call updating the same row
 * would serialise all calls of a version on that row's lock. {@link #entries()} includes what is not written yet.
 */
@ApplicationScoped
public class CostLedger {

    private static final Logger LOG = Logger.getLogger(CostLedger.class);

    /** One row of the ledger. */
    public record Entry(String teacher, String version, long billedRequests, long cachedRequests, long promptTokens,
            long completionTokens, double costUsd) {

        Entry plus(Entry other) {
            return new Entry(teacher, version, billedRequests + other.billedRequests, cachedRequests + other.cachedRequests,
                    promptTokens + other.promptTokens, completionTokens + other.completionTokens, costUsd + other.costUsd);
        }
    }

    private static final String UPSERT = """
            insert into teacher_gateway.cost_ledger (teacher_name, teacher_version, billed_requests, cached_requests,
                prompt_tokens, completion_tokens, cost_usd)
            values (?, ?, ?, ?, ?, ?, ?)
            on conflict (teacher_name, teacher_version) do update set
                billed_requests = cost_ledger.billed_requests + excluded.billed_requests,
                cached_requests = cost_ledger.cached_requests + excluded.cached_requests,
                prompt_tokens = cost_ledger.prompt_tokens + excluded.prompt_tokens,
                completion_tokens = cost_ledger.completion_tokens + excluded.completion_tokens,
                cost_usd = cost_ledger.cost_usd + excluded.cost_usd,
                updated_at = now()""";

    private final AgroalDataSource db;
    private final Map<String, Entry> pending = new ConcurrentHashMap<>();

    public CostLedger(AgroalDataSource db) {
        this.db = db;
    }

    public void billed(TeacherRef teacher, Usage usage, double costUsd) {
        add(new Entry(teacher.name(), teacher.version(), 1, 0, usage.promptTokens(), usage.completionTokens(), costUsd));
    }

    public void servedFromCache(TeacherRef teacher) {
        add(new Entry(teacher.name(), teacher.version(), 0, 1, 0, 0, 0));
    }

    private void add(Entry delta) {
        pending.merge(delta.teacher() + "@" + delta.version(), delta, Entry::plus);
    }

    @Scheduled(every = "1s")
    synchronized void flush() {
        for (String key : List.copyOf(pending.keySet())) {
            Entry delta = pending.remove(key);
            if (delta == null) {
                continue;
            }
            try {
                write(delta);
            } catch (SQLException e) {
                add(delta); // kept for the next flush
                LOG.warnf("cost ledger not written, will retry: %s", e.getMessage());
                return;
            }
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        flush();
    }

    public List<Entry> entries() {
        Map<String, Entry> totals = new java.util.TreeMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        select teacher_name, teacher_version, billed_requests, cached_requests, prompt_tokens,
                               completion_tokens, cost_usd
                        from teacher_gateway.cost_ledger""");
                ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                Entry entry = new Entry(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getLong(4),
                        rows.getLong(5), rows.getLong(6), rows.getDouble(7));
                totals.put(entry.teacher() + "@" + entry.version(), entry);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cost ledger unavailable: " + e.getMessage(), e);
        }
        pending.forEach((key, delta) -> totals.merge(key, delta, Entry::plus));
        return new ArrayList<>(totals.values());
    }

    private void write(Entry delta) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(UPSERT)) {
            s.setString(1, delta.teacher());
            s.setString(2, delta.version());
            s.setLong(3, delta.billedRequests());
            s.setLong(4, delta.cachedRequests());
            s.setLong(5, delta.promptTokens());
            s.setLong(6, delta.completionTokens());
            s.setDouble(7, delta.costUsd());
            s.executeUpdate();
        }
    }
}
