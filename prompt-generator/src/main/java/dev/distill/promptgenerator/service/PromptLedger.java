package dev.distill.promptgenerator.service;

import dev.distill.events.EventCodec;
import dev.distill.events.PromptEvent;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The prompt ledger, used as an outbox: a prompt is staged (written, not yet acked) before its record is sent and
 * acked once the broker confirmed it. Whatever is staged but not acked after a crash is looked up on the topic before
 * anything is re-sent, so every prompt reaches the topic exactly once. Plain JDBC with array parameters, so a whole
 * batch is one statement (this is the emission hot path); every method joins the caller's transaction.
 */
@ApplicationScoped
public class PromptLedger {

    /** A prompt to stage: its position in the job (a candidate index or an original's position) and dedup hash. */
    public record Entry(PromptEvent event, long position, Long seed, String hash) {
    }

    /** A staged prompt not yet acknowledged. */
    public record Unacked(PromptEvent event, Instant stagedAt) {
    }

    /** An emitted original prompt of a campaign, for replay. */
    public record Original(long position, PromptEvent event) {
    }

    private final AgroalDataSource dataSource;

    public PromptLedger(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stages the entries of one job; an original whose normalised prompt the campaign already has, and an event
     * already staged, are left out. Returns the staged events in position order.
     */
    public List<PromptEvent> stage(String campaignId, String jobId, List<Entry> entries, Instant now) {
        if (entries.isEmpty()) {
            return List.of();
        }
        int n = entries.size();
        String[] eventIds = new String[n], promptIds = new String[n], versions = new String[n], hashes = new String[n],
                skills = new String[n], splits = new String[n], json = new String[n];
        Long[] positions = new Long[n], seeds = new Long[n];
        for (int i = 0; i < n; i++) {
            Entry entry = entries.get(i);
            PromptEvent event = entry.event();
            eventIds[i] = event.eventId();
            promptIds[i] = event.promptId();
            versions[i] = event.teacherVersion();
            hashes[i] = entry.hash();
            skills[i] = event.skill();
            splits[i] = event.split();
            json[i] = EventCodec.toJson(event);
            positions[i] = entry.position();
            seeds[i] = entry.seed();
        }
        Set<String> staged = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("""
                        insert into prompt_generator.prompt_ledger
                            (event_id, prompt_id, campaign_id, job_id, position, teacher_version, prompt_hash, skill, seed,
                             split, event_json, acked, staged_at)
                        select e, p, ?, ?, pos, v, h, sk, sd, sp, j, false, ?
                        from unnest(?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[],
                                    ?::bigint[], ?::varchar[], ?::text[]) as t(e, p, pos, v, h, sk, sd, sp, j)
                        order by pos
                        on conflict do nothing
                        returning event_id""")) {
            insert.setString(1, campaignId);
            insert.setString(2, jobId);
            insert.setTimestamp(3, Timestamp.from(now));
            insert.setArray(4, c.createArrayOf("varchar", eventIds));
            insert.setArray(5, c.createArrayOf("varchar", promptIds));
            insert.setArray(6, c.createArrayOf("bigint", positions));
            insert.setArray(7, c.createArrayOf("varchar", versions));
            insert.setArray(8, c.createArrayOf("varchar", hashes));
            insert.setArray(9, c.createArrayOf("varchar", skills));
            insert.setArray(10, c.createArrayOf("bigint", seeds));
            insert.setArray(11, c.createArrayOf("varchar", splits));
            insert.setArray(12, c.createArrayOf("text", json));
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    staged.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot stage prompts of " + jobId + ": " + e.getMessage(), e);
        }
        return entries.stream().map(Entry::event).filter(e -> staged.contains(e.eventId())).toList();
    }

    /** Marks events acknowledged; returns how many were not already. */
    public int ack(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("""
                        update prompt_generator.prompt_ledger set acked = true
                        where event_id = any(?) and not acked""")) {
            Array ids = c.createArrayOf("varchar", eventIds.toArray());
            update.setArray(1, ids);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ack prompts: " + e.getMessage(), e);
        }
    }

    public List<Unacked> unacked(String jobId) {
        List<Unacked> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("""
                        select event_json, staged_at from prompt_generator.prompt_ledger
                        where job_id = ? and not acked order by position""")) {
            select.setString(1, jobId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Unacked(EventCodec.fromJson(rs.getString(1), PromptEvent.class),
                            rs.getTimestamp(2).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read unacknowledged prompts of " + jobId + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /** The campaign's own prompts (not replays) at positions from..upto, at most limit, in position order. */
    public List<Original> originals(String campaignId, long from, long upto, int limit) {
        List<Original> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("""
                        select position, event_json from prompt_generator.prompt_ledger
                        where job_id = ? and position >= ? and position <= ? order by position limit ?""")) {
            select.setString(1, campaignId);
            select.setLong(2, from);
            select.setLong(3, upto);
            select.setInt(4, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Original(rs.getLong(1), EventCodec.fromJson(rs.getString(2), PromptEvent.class)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the ledger of " + campaignId + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /** The highest position of the campaign's own prompts, or -1 when it has none yet. */
    public long lastPosition(String campaignId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "select coalesce(max(position), -1) from prompt_generator.prompt_ledger where job_id = ?")) {
            select.setString(1, campaignId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the ledger of " + campaignId + ": " + e.getMessage(), e);
        }
    }
}
