package dev.distill.evaluator.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The checkpoint a student is served and judged by, until the gate promotes a better one. */
@Entity
@Table(name = "champion")
public class Champion extends PanacheEntityBase {

    @Id
    @Column(name = "student_id")
    public String studentId;

    @Column(name = "checkpoint_id", nullable = false)
    public String checkpointId;

    @Column(name = "benchmark_id", nullable = false)
    public String benchmarkId;

    @Column(nullable = false)
    public double accuracy;

    @Column(name = "teacher_version")
    public String teacherVersion;

    @Column(name = "promoted_at", nullable = false)
    public Instant promotedAt;

    /** The checkpoint directory's URI (absent on champions promoted before it was recorded). */
    @Column(name = "uri")
    public String uri;
}
