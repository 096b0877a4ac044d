package dev.distill.evaluator.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A checkpoint the evaluator did not score: {@code skipped} (superseded) or {@code failed} (unreadable). */
@Entity
@Table(name = "unscored_checkpoint")
public class UnscoredCheckpoint extends PanacheEntityBase {

    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";

    @Id
    @Column(name = "checkpoint_id")
    public String checkpointId;

    @Column(name = "student_id", nullable = false)
    public String studentId;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public String reason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static List<UnscoredCheckpoint> newestFirst() {
        return list("order by createdAt desc");
    }
}
