package dev.distill.evaluator.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A checkpoint's score on a suite, with the BenchmarkEvent as published. */
@Entity
@Table(name = "benchmark_result")
public class BenchmarkResult extends PanacheEntityBase {

    @Id
    @Column(name = "benchmark_id")
    public String benchmarkId;

    @Column(name = "checkpoint_id", nullable = false)
    public String checkpointId;

    @Column(nullable = false)
    public String suite;

    @Column(name = "student_id", nullable = false)
    public String studentId;

    @Column(nullable = false)
    public int prompts;

    @Column(nullable = false)
    public double accuracy;

    @Column(name = "event_json", nullable = false)
    public String eventJson;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;


    public static List<BenchmarkResult> newestFirst() {
        return list("order by createdAt desc");
    }
}
