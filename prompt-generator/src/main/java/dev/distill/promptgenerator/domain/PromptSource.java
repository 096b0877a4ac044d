package dev.distill.promptgenerator.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An imported prompt file; its valid lines are in {@code source_line}, its invalid ones in {@code source_error}. */
@Entity
@Table(name = "prompt_source")
public class PromptSource extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    /** upload or path */
    public String origin;
    @Column(name = "lines_total")
    public long linesTotal;
    @Column(name = "lines_valid")
    public long linesValid;
    @Column(name = "lines_invalid")
    public long linesInvalid;
    @Column(name = "created_at")
    public Instant createdAt;
}
