package dev.distill.evaluator.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** The teacher's score on a suite for one teacher version: {@code ready} with its answers, or {@code failed}. */
@Entity
@Table(name = "teacher_baseline")
public class TeacherBaseline extends PanacheEntityBase {

    public static final String READY = "ready";
    public static final String FAILED = "failed";

    @Id
    @Column(name = "baseline_id")
    public String baselineId;

    @Column(name = "teacher_version", nullable = false)
    public String teacherVersion;

    @Column(nullable = false)
    public String suite;

    /** The suite's fingerprint when it was scored (EvalSuite.digest). */
    @Column(nullable = false)
    public String digest;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int prompts;

    public Double accuracy;

    @Column(name = "per_skill_json")
    public String perSkillJson;

    /** The teacher's completion by prompt id. */
    @Column(name = "answers_json")
    public String answersJson;

    public String reason;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "duration_ms")
    public Long durationMs;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static String idOf(String teacherVersion, String suite) {
        return teacherVersion + "|" + suite;
    }

    public static List<TeacherBaseline> ofSuite(String suite) {
        return list("suite = ?1 order by teacherVersion", suite);
    }

    public static long deleteOfSuite(String suite) {
        return delete("suite", suite);
    }
}
