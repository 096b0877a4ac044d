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

/** A campaign's training prompts re-emitted for one new teacher version; the id makes a redelivered announcement one replay. */
@Entity
@Table(name = "replay")
public class Replay extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "campaign_id")
    public String campaignId;
    @Column(name = "teacher_name")
    public String teacherName;
    @Column(name = "teacher_version")
    public String teacherVersion;
    public String policy;
    public double fraction;
    /** The last ledger position of the campaign when the version was announced: later prompts reach it anyway. */
    @Column(name = "upto_position")
    public long uptoPosition;
    @Column(name = "next_position")
    public long nextPosition;
    /** Ledger rows looked at so far; with a sample policy only some of them are re-emitted. */
    public long considered;
    @Column(name = "staged_count")
    public long stagedCount;
    @Column(name = "emitted_count")
    public long emittedCount;
    @Enumerated(EnumType.STRING)
    public CampaignState state;
    @Column(name = "failure_reason")
    public String failureReason;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static String idOf(String campaignId, String teacherName, String version) {
        return campaignId + "@" + teacherName + "@" + version;
    }

    public static List<Replay> ofCampaign(String campaignId) {
        return list("campaignId = ?1 order by createdAt, id", campaignId);
    }

    public static List<Replay> running() {
        return list("state", CampaignState.RUNNING);
    }
}
