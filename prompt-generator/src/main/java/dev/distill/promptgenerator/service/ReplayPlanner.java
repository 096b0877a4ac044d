package dev.distill.promptgenerator.service;

import dev.distill.events.TeacherVersionEvent;
import dev.distill.promptgenerator.domain.Campaign;
import dev.distill.promptgenerator.domain.CampaignState;
import dev.distill.promptgenerator.domain.Replay;
import dev.distill.skills.Split;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, for a newly announced teacher version, which campaigns' training prompts are asked again: every train
 * campaign created before the announcement that emitted something and is not cancelled, by the campaign's own
 * replay policy or else the one the version announces ({@code all}, {@code sample} with a fraction, {@code none}).
 */
@ApplicationScoped
public class ReplayPlanner {

    private final PromptLedger ledger;

    public ReplayPlanner(PromptLedger ledger) {
        this.ledger = ledger;
    }

    /** Creates the replays (idempotent: a replay's id is campaign, teacher and version); returns those created. */
    @Transactional
    public List<Replay> plan(TeacherVersionEvent version) {
        List<Replay> created = new ArrayList<>();
        for (Campaign campaign : Campaign.<Campaign>list("split = ?1 and state <> ?2 and createdAt < ?3",
                Split.TRAIN.wireName(), CampaignState.CANCELLED, version.announcedAt())) {
            String policy = campaign.replayPolicy != null ? campaign.replayPolicy : version.replayPolicy();
            String id = Replay.idOf(campaign.id, version.teacherName(), version.version());
            long upto = ledger.lastPosition(campaign.id);
            if ("none".equals(policy) || upto < 0 || Replay.findById(id) != null) {
                continue;
            }
            Replay replay = new Replay();
            replay.id = id;
            replay.campaignId = campaign.id;
            replay.teacherName = version.teacherName();
            replay.teacherVersion = version.version();
            replay.policy = policy;
            replay.fraction = "sample".equals(policy) ? fraction(campaign, version) : 1.0;
            replay.uptoPosition = upto;
            replay.state = CampaignState.RUNNING;
            replay.createdAt = Instant.now();
            replay.updatedAt = replay.createdAt;
            replay.persist();
            created.add(replay);
        }
        return created;
    }

    private static double fraction(Campaign campaign, TeacherVersionEvent version) {
        if (campaign.replayPolicy != null) {
            return campaign.replayFraction;
        }
        return version.replayFraction() == null ? 1.0 : version.replayFraction();
    }
}
