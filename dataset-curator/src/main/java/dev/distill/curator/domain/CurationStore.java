package dev.distill.curator.domain;

import dev.distill.events.CuratedSampleEvent;
import dev.distill.events.DistillEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.RejectedSampleEvent;
import dev.distill.events.TeacherRef;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Curation outcomes in PostgreSQL. Inserts are {@code on conflict do nothing} against the unique
 * (prompt, teacher, version) constraints, so when two deliveries of one response race, exactly one outcome is stored
 * and counted; the loser reads and re-uses it.
 */
@ApplicationScoped
public class CurationStore {

    private static final String INSERT_CURATED = """
            insert into curated_samples (sample_id, prompt_id, teacher_name, teacher_version, dataset_version, skill,
                split, event_json, created_at)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            on conflict do nothing
            """;

    private static final String INSERT_REJECTED = """
            insert into rejected_samples (prompt_id, teacher_name, teacher_version, dataset_version, filter, reason,
                detail, skill, split, event_json, created_at)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            on conflict do nothing
            """;

    private final EntityManager em;

    public CurationStore(EntityManager em) {
        this.em = em;
    }

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

    /** True when this call stored the sample; false when an outcome for the response was already there. */
    public boolean save(CuratedSampleEvent sample) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(INSERT_CURATED)
                .setParameter(1, sample.sampleId())
                .setParameter(2, sample.promptId())
                .setParameter(3, sample.teacher().name())
                .setParameter(4, sample.teacher().version())
                .setParameter(5, sample.datasetVersion())
                .setParameter(6, sample.skill())
                .setParameter(7, sample.split())
                .setParameter(8, EventCodec.toJson(sample))
                .setParameter(9, sample.createdAt())
                .executeUpdate() == 1);
    }

    /** True when this call stored the rejection; false when an outcome for the response was already there. */
    public boolean save(RejectedSampleEvent rejection) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(INSERT_REJECTED)
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
                .executeUpdate() == 1);
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

    /** Per dataset version: curated count and rejections by reason. */
    public List<DatasetSummary> summaries() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> curated = new TreeMap<>();
            for (Object[] row : em.createQuery("select s.datasetVersion, count(s) from CuratedSample s"
                    + " group by s.datasetVersion", Object[].class).getResultList()) {
                curated.put((String) row[0], (Long) row[1]);
            }
            Map<String, Map<String, Long>> rejected = new TreeMap<>();
            for (Object[] row : em.createQuery("select r.datasetVersion, r.reason, count(r) from RejectedSample r"
                    + " group by r.datasetVersion, r.reason", Object[].class).getResultList()) {
                rejected.computeIfAbsent((String) row[0], v -> new TreeMap<>()).put((String) row[1], (Long) row[2]);
            }
            TreeMap<String, DatasetSummary> all = new TreeMap<>();
            curated.forEach((version, count) -> all.put(version,
                    DatasetSummary.of(version, count, rejected.getOrDefault(version, Map.of()))));
            rejected.forEach((version, reasons) -> all.computeIfAbsent(version, v -> DatasetSummary.of(v, 0, reasons)));
            return new ArrayList<>(all.values());
        });
    }
}
