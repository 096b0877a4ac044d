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
import dev.distill.events.TeacherRef;
import dev.distill.events.TeacherResponseEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Curation outcomes in PostgreSQL. A response is first claimed ({@code curation_claim}, unique per prompt and
 * teacher version) in the transaction that runs the chain and stores the outcome: of two deliveries of one response,
 * on one replica or two, exactly one commits a claim and an outcome, and the other finds that outcome.
 */
@ApplicationScoped
public class CurationStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntityManager em;

    public CurationStore(EntityManager em) {
        this.em = em;
    }

    /**
     * In the caller's transaction: true when this delivery claimed the response. A concurrent claim of the same
     * response blocks here until the other transaction ends, then this one returns false.
     */
    public boolean claim(TeacherResponseEvent response) {
        return em.createNativeQuery("""
                insert into curation_claim (prompt_id, teacher_name, teacher_version) values (?1, ?2, ?3)
                on conflict do nothing""")
                .setParameter(1, response.promptId())
                .setParameter(2, response.teacher().name())
                .setParameter(3, response.teacher().version())
                .executeUpdate() == 1;
    }

    /** In the caller's transaction. */
    public void saveCurated(CuratedSampleEvent sample, Verdict verdict) {
        em.createNativeQuery("""
                insert into curated_samples (sample_id, prompt_id, teacher_name, teacher_version, dataset_version, skill,
                    split, event_json, created_at, filters_passed, changes)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)""")
                .setParameter(1, sample.sampleId())
                .setParameter(2, sample.promptId())
                .setParameter(3, sample.teacher().name())
                .setParameter(4, sample.teacher().version())
                .setParameter(5, sample.datasetVersion())
                .setParameter(6, sample.skill())
                .setParameter(7, sample.split())
                .setParameter(8, EventCodec.toJson(sample))
                .setParameter(9, sample.createdAt())
                .setParameter(10, json(verdict.passed()))
                .setParameter(11, json(verdict.changes()))
                .executeUpdate();
    }

    /** In the caller's transaction; {@code prompt} is kept for lineage (already redacted by the caller). */
    public void saveRejected(RejectedSampleEvent rejection, Verdict verdict, List<ChatMessage> prompt) {
        em.createNativeQuery("""
                insert into rejected_samples (prompt_id, teacher_name, teacher_version, dataset_version, filter, reason,
                    detail, skill, split, event_json, created_at, filters_passed, changes, prompt_json)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)""")
                .setParameter(1, rejection.promptId())
                .setParameter(2, rejection.teacher().name())
                .setParameter(3, rejection.teacher().version())
                .setParameter(4, rejection.teacher().qualifiedVersion())
                .setParameter(5, rejection.filter())
                .setParameter(6, rejection.reason())
                .setParameter(7, rejection.detail())
                .setParameter(8, rejection.skill())
                .setParameter(9, rejection.split())
                .setParameter(10, EventCodec.toJson(rejection))
                .setParameter(11, rejection.createdAt())
                .setParameter(12, json(verdict.passed()))
                .setParameter(13, json(verdict.changes()))
                .setParameter(14, json(prompt))
                .executeUpdate();
    }

    /** The stored outcome of a response, whichever table holds it. */
    public Optional<StoredOutcome> find(String promptId, TeacherRef teacher) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<StoredOutcome> curated = CuratedSample
                    .<CuratedSample>find("promptId = ?1 and teacherName = ?2 and teacherVersion = ?3",
                            promptId, teacher.name(), teacher.version())
                    .firstResultOptional()
                    .map(row -> new StoredOutcome(EventCodec.fromJson(row.eventJson, CuratedSampleEvent.class),
                            row.publishedAt != null));
            if (curated.isPresent()) {
                return curated;
            }
            return RejectedSample
                    .<RejectedSample>find("promptId = ?1 and teacherName = ?2 and teacherVersion = ?3",
                            promptId, teacher.name(), teacher.version())
                    .firstResultOptional()
                    .map(row -> new StoredOutcome(EventCodec.fromJson(row.eventJson, RejectedSampleEvent.class),
                            row.publishedAt != null));
        });
    }

    /** Records that the broker acknowledged the outcome, so a later redelivery need not publish it again. */
    public void markPublished(DistillEvent outcome, Instant at) {
        String table = outcome instanceof CuratedSampleEvent ? "curated_samples" : "rejected_samples";
        TeacherRef teacher = outcome instanceof CuratedSampleEvent c ? c.teacher() : ((RejectedSampleEvent) outcome).teacher();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update " + table
                        + " set published_at = ?1 where prompt_id = ?2 and teacher_name = ?3 and teacher_version = ?4"
                        + " and published_at is null")
                .setParameter(1, at)
                .setParameter(2, outcome.key())
                .setParameter(3, teacher.name())
                .setParameter(4, teacher.version())
                .executeUpdate());
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
