package dev.distill.evaluator.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A suite registered through REST: its prompts as JSON (see SuiteItems), stored whole. */
@Entity
@Table(name = "custom_suite")
public class CustomSuite extends PanacheEntityBase {

    @Id
    public String name;

    @Column(nullable = false)
    public int prompts;

    @Column(name = "items_json", nullable = false)
    public String itemsJson;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static List<CustomSuite> oldestFirst() {
        return list("order by createdAt, name");
    }
}
