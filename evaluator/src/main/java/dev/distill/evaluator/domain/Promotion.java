package dev.distill.evaluator.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A promotion, stored in the transaction that decided it and published after (an outbox row). */
@Entity
@Table(name = "promotion")
public class Promotion extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "student_id", nullable = false)
    public String studentId;

    @Column(name = "checkpoint_id", nullable = false)
    public String checkpointId;

    @Column(name = "event_json", nullable = false)
    public String eventJson;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    public static List<Promotion> unpublished() {
        return list("publishedAt is null order by createdAt");
    }

    public static List<Promotion> ofStudent(String studentId) {
        return list("studentId = ?1 order by createdAt", studentId);
    }
}
