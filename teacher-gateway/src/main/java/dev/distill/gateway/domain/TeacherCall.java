package dev.distill.gateway.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** One row per (prompt, teacher version): status, tokens, cost, latency, and the response event for replays. */
@Entity
@Table(name = "teacher_calls")
public class TeacherCall extends PanacheEntityBase {

    public static final String OK = "ok";
    public static final String FAILED = "failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "prompt_id", nullable = false)
    public String promptId;

    @Column(name = "teacher_name", nullable = false)
    public String teacherName;

    @Column(name = "teacher_version", nullable = false)
    public String teacherVersion;

    @Column(nullable = false)
    public String model;

    @Column(nullable = false)
    public String status;

    public int attempts;

    @Column(name = "prompt_tokens")
    public int promptTokens;

    @Column(name = "completion_tokens")
    public int completionTokens;

    @Column(name = "cost_usd")
    public double costUsd;

    @Column(name = "latency_ms")
    public long latencyMs;

    public String error;

    @Column(name = "response_json")
    public String responseJson;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<TeacherCall> findFor(String promptId, String teacherName, String teacherVersion) {
        return find("promptId = ?1 and teacherName = ?2 and teacherVersion = ?3", promptId, teacherName, teacherVersion)
                .firstResultOptional();
    }
}
