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
    /** The prompt file it reads; null for a skills campaign. */
    @Column(name = "source_id")
    public String sourceId;
    /** JSON object skill name -> weight, in the order given; null for a file campaign. */
    public String skills;
    /** JSON list of difficulty stages; null for a file campaign. */
    public String curriculum;
    @Column(name = "requested_count")
    public long requestedCount;
    /** Prompts the broker acknowledged. */
    @Column(name = "emitted_count")
    public long emittedCount;
    /** Prompts written to the ledger (acknowledged or about to be sent). */
    @Column(name = "staged_count")
    public long stagedCount;
    @Column(name = "duplicate_count")
    public long duplicateCount;
    @Column(name = "next_candidate")
    public long nextCandidate;
    public long seed;
    @Column(name = "rate_per_second")
    public double ratePerSecond;
    public String split;
    public double temperature;
    @Column(name = "max_tokens")
    public int maxTokens;
    @Column(name = "top_logprobs")
    public int topLogprobs;
    /** all, sample or none; null follows the policy each teacher version announces. */
    @Column(name = "replay_policy")
    public String replayPolicy;
    @Column(name = "replay_fraction")
    public Double replayFraction;
    @Enumerated(EnumType.STRING)
    public CampaignState state;
    @Column(name = "failure_reason")
    public String failureReason;
    /** Why a campaign completed short of its count (e.g. too few distinct prompts). */
    @Column(name = "completion_note")
    public String completionNote;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean isFileCampaign() {
        return sourceId != null;
    }

    public static List<Campaign> inState(CampaignState state) {
        return list("state", state);
    }

    public static List<Campaign> newestFirst() {
        return list("order by createdAt desc, id");
    }
}
