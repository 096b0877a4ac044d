package dev.distill.curator.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Formula;

/** A sample accepted into a dataset version; {@code eventJson} is the CuratedSampleEvent as published. */
@Entity
@Table(name = "curated_samples")
public class CuratedSample extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "sample_id", nullable = false)
    public String sampleId;

    @Column(name = "prompt_id", nullable = false)
    public String promptId;

    @Column(name = "teacher_name", nullable = false)
    public String teacherName;

    @Column(name = "teacher_version", nullable = false)
    public String teacherVersion;

    @Column(name = "dataset_version", nullable = false)
    public String datasetVersion;

    public String skill;

    @Column(nullable = false)
    public String split;

    @Column(name = "event_json", nullable = false)
    public String eventJson;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When the broker acknowledged the outcome: with its batch, or alone after a redelivery. Read-only. */
    @Formula(CurationStore.PUBLISHED_AT)
    public Instant publishedAt;

    /** JSON list of the filters passed, in order. */
    @Column(name = "filters_passed", nullable = false)
    public String filtersPassed;

    /** JSON object of what filters changed (redactions by kind). */
    @Column(nullable = false)
    public String changes;
}
