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

    @Column(name = "teacher_version")
    public String teacherVersion;

    /** What the promotion gate decided (see PromotionGate). */
    @Column(nullable = false)
    public String verdict;

    /** The teacher's accuracy on the suite, when its baseline existed. */
    @Column(name = "teacher_baseline")
    public Double teacherBaseline;

    /** The fraction of prompts where the checkpoint's answer equals the teacher's, when the baseline existed. */
    public Double agreement;

    @Column(name = "event_json", nullable = false)
    public String eventJson;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static List<BenchmarkResult> newestFirst() {
        return list("order by createdAt desc");
    }

    public static List<BenchmarkResult> newestFirst(String suite) {
        return list("suite = ?1 order by createdAt desc", suite);
    }

    /** The best results on {@code suite} first (ties: the earlier one), at most {@code limit}. */
    public static List<BenchmarkResult> best(String suite, int limit) {
        return find("suite = ?1 order by accuracy desc, createdAt asc", suite).page(0, limit).list();
    }
}
