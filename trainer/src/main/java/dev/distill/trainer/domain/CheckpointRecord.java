package dev.distill.trainer.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** The checkpoint registry: every checkpoint written, with where it lies and what it had seen. */
@Entity
@Table(name = "checkpoint")
public class CheckpointRecord extends PanacheEntityBase {

    @Id
    @Column(name = "checkpoint_id")
    public String checkpointId;

    @Column(name = "student_id", nullable = false)
    public String studentId;

    @Column(nullable = false)
    public long step;

    @Column(name = "samples_seen", nullable = false)
    public long samplesSeen;

    @Column(name = "tokens_seen", nullable = false)
    public long tokensSeen;

    @Column(name = "train_loss", nullable = false)
    public double trainLoss;

    @Column(nullable = false)
    public String uri;

    @Column(name = "parameter_count", nullable = false)
    public long parameterCount;

    /** Comma-separated name@version list. */
    @Column(name = "teacher_versions", nullable = false)
    public String teacherVersions;

    /** The highest training_sample.seq this checkpoint had taken in. */
    @Column(name = "last_sample_seq", nullable = false)
    public long lastSampleSeq;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When the evaluator made this checkpoint its student's champion; null if it never was. */
    @Column(name = "promoted_at")
    public Instant promotedAt;

    /** The teacher version whose round produced this checkpoint; null before the first announced version. */
    @Column(name = "round")
    public String round;

    /** The step the round (and its learning-rate schedule) started at. */
    @Column(name = "round_start_step", nullable = false)
    public long roundStartStep;

    /** The checkpoint the round started from: the champion, else the newest; null if there was none. */
    @Column(name = "round_from")
    public String roundFrom;

    /** Whether the CheckpointEvent has been sent; false rows are sent again (outbox). */
    @Column(nullable = false)
    public boolean published;

    /** The CheckpointEvent as sent (EventCodec JSON); null on rows from before the outbox. */
    @Column(name = "event_json")
    public String eventJson;

    /** Newest first; of two checkpoints at one step (a run resumed from an older one), the later written first. */
    public static List<CheckpointRecord> newestFirst(String studentId) {
        return list("studentId = ?1 order by step desc, createdAt desc", studentId);
    }

    /** Checkpoints whose event has not been sent yet, in the order they were written. */
    public static List<CheckpointRecord> unpublished(String studentId) {
        return list("studentId = ?1 and published = false order by createdAt, step", studentId);
    }

    public static void markPublished(String checkpointId) {
        update("published = true where checkpointId = ?1", checkpointId);
    }

    /** Records a promotion; false when the checkpoint is not in this registry (another trainer's student). */
    public static boolean markPromoted(String checkpointId, Instant at) {
        return update("promotedAt = ?1 where checkpointId = ?2 and promotedAt is null", at, checkpointId) > 0
                || count("checkpointId = ?1 and promotedAt is not null", checkpointId) > 0;
    }

    /** What a new round starts from: the student's current champion, else its newest checkpoint. */
    public static List<CheckpointRecord> roundStartCandidates(String studentId) {
        List<CheckpointRecord> candidates = new java.util.ArrayList<>(
                list("studentId = ?1 and promotedAt is not null order by promotedAt desc", studentId));
        candidates.addAll(newestFirst(studentId));
        return candidates;
    }

    /** The ids of this student's checkpoints that were ever champion. */
    public static List<String> promotedIds(String studentId) {
        return CheckpointRecord.<CheckpointRecord>list("studentId = ?1 and promotedAt is not null", studentId).stream()
                .map(c -> c.checkpointId).toList();
    }
}
