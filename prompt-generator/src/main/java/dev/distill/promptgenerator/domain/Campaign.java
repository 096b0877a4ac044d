package dev.distill.promptgenerator.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

@Entity
@Table(name = "campaign")
public class Campaign extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    /** JSON object skill name -> weight, in the order given. */
    public String skills;
    @Column(name = "requested_count")
    public long requestedCount;
    @Column(name = "emitted_count")
    public long emittedCount;
    public long seed;
    @Column(name = "rate_per_second")
    public double ratePerSecond;
    public int difficulty;
    public String split;
    public double temperature;
    @Column(name = "max_tokens")
    public int maxTokens;
    @Column(name = "top_logprobs")
    public int topLogprobs;
    @Enumerated(EnumType.STRING)
    public CampaignState state;
    @Column(name = "failure_reason")
    public String failureReason;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static List<Campaign> running() {
        return list("state", CampaignState.RUNNING);
    }

    public static List<Campaign> newestFirst() {
        return list("order by createdAt desc, id");
    }
}
