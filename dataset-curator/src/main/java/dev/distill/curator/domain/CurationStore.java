package dev.distill.curator.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distill.curator.filter.Verdict;
import dev.distill.events.ChatMessage;
import dev.distill.events.CuratedSampleEvent;
import dev.distill.events.DistillEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.RejectedSampleEvent;
import dev.distill.events.TeacherResponseEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.Session;

/**
 * Curation outcomes in PostgreSQL, a batch at a time. A response is first claimed ({@code curation_claim}, unique per
 * prompt and teacher version) in the transaction that runs the chain and stores the outcome: of two deliveries of one
 * response, on one replica or two, exactly one commits a claim and an outcome, and the other finds that outcome.
 */
@ApplicationScoped
public class CurationStore {

    /** Whether and when an outcome row was published: with its batch, or alone after a redelivery. */
    static final String PUBLISHED_AT =
            "coalesce(published_at, (select b.published_at from outcome_batch b where b.id = batch_id))";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TABLES = List.of("curated_samples", "rejected_samples");

    private final EntityManager em;

    public CurationStore(EntityManager em) {
        this.em = em;
    }

    /**
     * In the caller's transaction: the responses this delivery claimed. A response claimed by a concurrent
     * transaction blocks here until that one ends, and is then not among those returned. Claims are made in key
     * order, so two batches sharing responses wait for each other in one direction only.
     */
    public Set<ResponseKey> claim(List<TeacherResponseEvent> responses) {
        List<ResponseKey> keys = responses.stream().map(ResponseKey::of).distinct()
                .sorted(Comparator.comparing(ResponseKey::promptId).thenComparing(ResponseKey::teacherName)
                        .thenComparing(ResponseKey::teacherVersion))
                .toList();
        Set<ResponseKey> claimed = new HashSet<>();
        if (keys.isEmpty()) {
            return claimed;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into curation_claim (prompt_id, teacher_name, teacher_version)
                    select * from unnest(?::text[], ?::text[], ?::text[])
                    on conflict do nothing
                    returning prompt_id, teacher_name, teacher_version""")) {
                setKeys(connection, insert, 1, keys);
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(new ResponseKey(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
        });
        return claimed;
    }

    /**
     * In the caller's transaction: stores the outcomes with their lineage, as one batch; returns the batch's id, by
     * which {@link #markPublished(long, Instant)} marks them all.
     */
    public long save(List<Outcome> outcomes) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            long batch;
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into outcome_batch default values returning id");
                    ResultSet rs = insert.executeQuery()) {
                rs.next();
                batch = rs.getLong(1);
            }
            try (PreparedStatement curated = connection.prepareStatement("""
                    insert into curated_samples (sample_id, prompt_id, teacher_name, teacher_version, dataset_version,
                        skill, split, event_json, created_at, filters_passed, changes, batch_id)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                    PreparedStatement rejected = connection.prepareStatement("""
                    insert into rejected_samples (prompt_id, teacher_name, teacher_version, dataset_version, filter,
                        reason, detail, skill, split, event_json, created_at, filters_passed, changes, prompt_json,
                        batch_id)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (Outcome outcome : outcomes) {
                    if (outcome.event() instanceof CuratedSampleEvent sample) {
                        addCurated(curated, sample, outcome.verdict(), batch);
                    } else {
                        addRejected(rejected, (RejectedSampleEvent) outcome.event(), outcome.verdict(),
                                outcome.rejectedPrompt(), batch);
                    }
                }
                curated.executeBatch();
                rejected.executeBatch();
            }
            return batch;
        });
    }

    private static void addCurated(PreparedStatement insert, CuratedSampleEvent sample, Verdict verdict, long batch)
            throws SQLException {
        insert.setString(1, sample.sampleId());
        insert.setString(2, sample.promptId());
        insert.setString(3, sample.teacher().name());
        insert.setString(4, sample.teacher().version());
        insert.setString(5, sample.datasetVersion());
        insert.setString(6, sample.skill());
        insert.setString(7, sample.split());
        insert.setString(8, EventCodec.toJson(sample));
        insert.setObject(9, timestamp(sample.createdAt()));
        insert.setString(10, json(verdict.passed()));
        insert.setString(11, json(verdict.changes()));
        insert.setLong(12, batch);
        insert.addBatch();
    }

    private static void addRejected(PreparedStatement insert, RejectedSampleEvent rejection, Verdict verdict,
            List<ChatMessage> prompt, long batch) throws SQLException {
        insert.setString(1, rejection.promptId());
        insert.setString(2, rejection.teacher().name());
        insert.setString(3, rejection.teacher().version());
        insert.setString(4, rejection.teacher().qualifiedVersion());
        insert.setString(5, rejection.filter());
        insert.setString(6, rejection.reason());
        insert.setString(7, rejection.detail());
        insert.setString(8, rejection.skill());
        insert.setString(9, rejection.split());
        insert.setString(10, EventCodec.toJson(rejection));
        insert.setObject(11, timestamp(rejection.createdAt()));
        insert.setString(12, json(verdict.passed()));
        insert.setString(13, json(verdict.changes()));
        insert.setString(14, json(prompt));
        insert.setLong(15, batch);
        insert.addBatch();
    }

    /** The stored outcomes of these responses, whichever table holds them. */
    public Map<ResponseKey, StoredOutcome> find(Collection<ResponseKey> keys) {
        Map<ResponseKey, StoredOutcome> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        List<ResponseKey> list = List.copyOf(keys);
        QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(connection -> {
            for (String table : TABLES) {
                try (PreparedStatement select = connection.prepareStatement("select event_json, " + PUBLISHED_AT
                        + " is not null from unnest(?::text[], ?::text[], ?::text[])"
                        + " as k(prompt_id, teacher_name, teacher_version)"
                        + " join " + table + " using (prompt_id, teacher_name, teacher_version)")) {
                    setKeys(connection, select, 1, list);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            DistillEvent event = "curated_samples".equals(table)
                                    ? EventCodec.fromJson(rs.getString(1), CuratedSampleEvent.class)
                                    : EventCodec.fromJson(rs.getString(1), RejectedSampleEvent.class);
                            found.put(Outcome.key(event), new StoredOutcome(event, rs.getBoolean(2)));
                        }
                    }
                }
            }
        }));
        return found;
    }

    /** Records that the broker acknowledged a batch's outcomes, so a later redelivery need not publish them again. */
    public void markPublished(long batch, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "update outcome_batch set published_at = ? where id = ?")) {
                update.setObject(1, timestamp(at));
                update.setLong(2, batch);
                update.executeUpdate();
            }
        }));
    }

    /** As {@link #markPublished(long, Instant)}, for outcomes published one by one (again, after a redelivery). */
    public void markPublished(List<DistillEvent> outcomes, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(connection -> {
            for (String table : TABLES) {
                boolean curatedTable = "curated_samples".equals(table);
                List<ResponseKey> keys = outcomes.stream()
                        .filter(outcome -> (outcome instanceof CuratedSampleEvent) == curatedTable)
                        .map(Outcome::key).toList();
                if (keys.isEmpty()) {
                    continue;
                }
                try (PreparedStatement update = connection.prepareStatement("update " + table + " t"
                        + " set published_at = ? from unnest(?::text[], ?::text[], ?::text[]) as k(p, n, v)"
                        + " where t.prompt_id = k.p and t.teacher_name = k.n and t.teacher_version = k.v"
                        + " and t.published_at is null")) {
                    update.setObject(1, timestamp(at));
                    setKeys(connection, update, 2, keys);
                    update.executeUpdate();
                }
            }
        }));
    }

    private static void setKeys(Connection connection, PreparedStatement statement, int first, List<ResponseKey> keys)
            throws SQLException {
        statement.setArray(first, connection.createArrayOf("text", keys.stream().map(ResponseKey::promptId).toArray()));
        statement.setArray(first + 1, connection.createArrayOf("text",
                keys.stream().map(ResponseKey::teacherName).toArray()));
        statement.setArray(first + 2, connection.createArrayOf("text",
                keys.stream().map(ResponseKey::teacherVersion).toArray()));
    }

    private static OffsetDateTime timestamp(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    /** What happened to a prompt, per teacher version, oldest first. */
    public List<Lineage> lineage(String promptId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Lineage> all = new ArrayList<>();
            for (CuratedSample row : CuratedSample.<CuratedSample>list("promptId", promptId)) {
                CuratedSampleEvent event = EventCodec.fromJson(row.eventJson, CuratedSampleEvent.class);
                all.add(new Lineage(row.promptId, row.datasetVersion, event.teacher(), "curated", null, null, null,
                        read(row.filtersPassed, new TypeReference<List<String>>() { }),
                        read(row.changes, new TypeReference<Map<String, Integer>>() { }), row.skill, row.split,
                        event.messages(), row.createdAt, row.publishedAt));
            }
            for (RejectedSample row : RejectedSample.<RejectedSample>list("promptId", promptId)) {
                RejectedSampleEvent event = EventCodec.fromJson(row.eventJson, RejectedSampleEvent.class);
                all.add(new Lineage(row.promptId, row.datasetVersion, event.teacher(), "rejected", row.filter,
                        row.reason, row.detail, read(row.filtersPassed, new TypeReference<List<String>>() { }),
                        read(row.changes, new TypeReference<Map<String, Integer>>() { }), row.skill, row.split,
                        row.promptJson == null ? List.of() : read(row.promptJson, new TypeReference<List<ChatMessage>>() { }),
                        row.createdAt, row.publishedAt));
            }
            all.sort(Comparator.comparing(Lineage::createdAt));
            return all;
        });
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable lineage column: " + json, e);
        }
    }
}
