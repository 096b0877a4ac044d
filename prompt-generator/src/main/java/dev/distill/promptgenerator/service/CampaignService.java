package dev.distill.promptgenerator.service;

import dev.distill.promptgenerator.domain.Campaign;
import dev.distill.promptgenerator.domain.CampaignState;
import dev.distill.promptgenerator.domain.Replay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Creating campaigns and moving them between states. Emission is the worker's: it notices a state change at its
 * next batch (pause and cancel take effect within one batch), and a resumed campaign is started again.
 */
@ApplicationScoped
public class CampaignService {

    /** Which states each action may leave from. */
    private static final Set<CampaignState> PAUSABLE = Set.of(CampaignState.RUNNING);
    private static final Set<CampaignState> RESUMABLE = Set.of(CampaignState.PAUSED);
    private static final Set<CampaignState> CANCELLABLE = Set.of(CampaignState.RUNNING, CampaignState.PAUSED);

    @Transactional
    public Campaign create(CampaignSpec spec) {
        Campaign campaign = new Campaign();
        campaign.id = UUID.randomUUID().toString();
        campaign.name = spec.name();
        campaign.sourceId = spec.sourceId();
        campaign.skills = spec.skills() == null ? null : CampaignPlan.writeSkills(spec.skills());
        campaign.curriculum = spec.curriculum() == null ? null : spec.curriculum().toJson();
        campaign.requestedCount = spec.count();
        campaign.seed = spec.seed();
        campaign.ratePerSecond = spec.ratePerSecond();
        campaign.split = spec.split().wireName();
        campaign.temperature = spec.sampling().temperature();
        campaign.maxTokens = spec.sampling().maxTokens();
        campaign.topLogprobs = spec.sampling().topLogprobs();
        campaign.replayPolicy = spec.replayPolicy();
        campaign.replayFraction = spec.replayFraction();
        campaign.state = CampaignState.RUNNING;
        campaign.createdAt = Instant.now();
        campaign.updatedAt = campaign.createdAt;
        campaign.persist();
        return campaign;
    }

    @Transactional
    public Optional<Campaign> find(String id) {
        return Campaign.findByIdOptional(id);
    }

    @Transactional
    public List<Campaign> list() {
        return Campaign.newestFirst();
    }

    @Transactional
    public List<Replay> replays(String campaignId) {
        return Replay.ofCampaign(campaignId);
    }

    @Transactional
    public Campaign pause(String id) {
        return move(id, PAUSABLE, CampaignState.PAUSED, "pause");
    }

    @Transactional
    public Campaign resume(String id) {
        return move(id, RESUMABLE, CampaignState.RUNNING, "resume");
    }

    /** Stops the campaign and its replays for good; what was emitted stays emitted. */
    @Transactional
    public Campaign cancel(String id) {
        Campaign campaign = move(id, CANCELLABLE, CampaignState.CANCELLED, "cancel");
        Replay.update("state = ?1, updatedAt = ?2 where campaignId = ?3 and state = ?4", CampaignState.CANCELLED,
                campaign.updatedAt, id, CampaignState.RUNNING);
        return campaign;
    }

    private Campaign move(String id, Set<CampaignState> from, CampaignState to, String action) {
        Campaign campaign = Campaign.<Campaign>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new UnknownCampaignException(id));
        if (!from.contains(campaign.state)) {
            throw new CampaignStateException("cannot " + action + " campaign " + id + ": it is " + campaign.state);
        }
        campaign.state = to;
        campaign.updatedAt = Instant.now();
        return campaign;
    }

    /** No campaign with that id. */
    public static final class UnknownCampaignException extends RuntimeException {
        public UnknownCampaignException(String id) {
            super("no campaign " + id);
        }
    }

    /** The action does not apply in the campaign's current state (e.g. resuming a completed campaign). */
    public static final class CampaignStateException extends RuntimeException {
        public CampaignStateException(String message) {
            super(message);
        }
    }
}
