package dev.distill.gateway.domain;

import dev.distill.events.TeacherRef;
import dev.distill.events.Usage;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Tokens and money per teacher version: what was billed, and how many requests the cache answered instead. */
@ApplicationScoped
public class CostLedger {

    /** One row of the ledger. */
    public record Entry(String teacher, String version, long billedRequests, long cachedRequests, long promptTokens,
            long completionTokens, double costUsd) {
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

    public CostLedger(AgroalDataSource db) {
        this.db = db;
    }

    public void billed(TeacherRef teacher, Usage usage, double costUsd) {
        add(teacher, 1, 0, usage.promptTokens(), usage.completionTokens(), costUsd);
    }

    public void servedFromCache(TeacherRef teacher) {
        add(teacher, 0, 1, 0, 0, 0);
    }

    public List<Entry> entries() {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        select teacher_name, teacher_version, billed_requests, cached_requests, prompt_tokens,
                               completion_tokens, cost_usd
                        from teacher_gateway.cost_ledger order by teacher_name, teacher_version""");
                ResultSet rows = s.executeQuery()) {
            List<Entry> entries = new ArrayList<>();
            while (rows.next()) {
                entries.add(new Entry(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getLong(4),
                        rows.getLong(5), rows.getLong(6), rows.getDouble(7)));
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("cost ledger unavailable: " + e.getMessage(), e);
        }
    }

    private void add(TeacherRef teacher, long billed, long cached, long promptTokens, long completionTokens, double cost) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(UPSERT)) {
            s.setString(1, teacher.name());
            s.setString(2, teacher.version());
            s.setLong(3, billed);
            s.setLong(4, cached);
            s.setLong(5, promptTokens);
            s.setLong(6, completionTokens);
            s.setDouble(7, cost);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update the cost ledger: " + e.getMessage(), e);
        }
    }
}
