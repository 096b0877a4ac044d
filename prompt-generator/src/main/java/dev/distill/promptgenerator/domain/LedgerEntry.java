package dev.distill.promptgenerator.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A prompt the broker acknowledged. The event JSON is kept as published, for replay to later teacher versions. */
@Entity
@Table(name = "prompt_ledger")
public class LedgerEntry extends PanacheEntityBase {

    @Id
    @Column(name = "prompt_id")
    public String promptId;
    @Column(name = "campaign_id")
    public String campaignId;
    @Column(name = "prompt_index")
    public long promptIndex;
    public String skill;
    public long seed;
    public String split;
    @Column(name = "event_json")
    public String eventJson;
    @Column(name = "emitted_at")
    public Instant emittedAt;
}
