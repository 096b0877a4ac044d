package dev.distill.promptgenerator.service;

import dev.distill.events.EventCodec;
import dev.distill.promptgenerator.domain.Campaign;
import dev.distill.promptgenerator.domain.CampaignState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * The durable record of emission. Ledger rows and the campaign's counter move in one transaction, after the broker
 * acknowledged the prompts, so after a crash the ledger says exactly where to resume (at most one batch is re-sent).
 */
@ApplicationScoped
public class CampaignLedger {

    private final EntityManager em;

    public CampaignLedger(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public CampaignPlan plan(String campaignId) {
        Campaign campaign = Campaign.findById(campaignId);
        if (campaign == null) {
            throw new IllegalArgumentException("no campaign " + campaignId);
        }
        return CampaignPlan.of(campaign);
    }

    @Transactional
    public List<String> runningCampaignIds() {
        return Campaign.running().stream().map(c -> c.id).toList();
    }

    /** Prompts are emitted in index order and recorded a whole batch at a time, so the ledger is a prefix. */
    @Transactional
    public long nextIndex(String campaignId) {
        Number max = (Number) em.createNativeQuery("select max(prompt_index) from {h-schema}prompt_ledger where campaign_id = ?1")
                .setParameter(1, campaignId).getSingleResult();
        return max == null ? 0 : max.longValue() + 1;
    }

    /** Records acknowledged prompts; returns the campaign's emitted count afterwards. Re-recording a prompt is a no-op. */
    @Transactional
    public long record(String campaignId, List<PlannedPrompt> prompts) {
        Instant now = Instant.now();
        int inserted = 0;
        for (PlannedPrompt prompt : prompts) {
            inserted += em.createNativeQuery("""
                    insert into {h-schema}prompt_ledger (prompt_id, campaign_id, prompt_index, skill, seed, split, event_json, emitted_at)
                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) on conflict do nothing""")
                    .setParameter(1, prompt.event().promptId())
                    .setParameter(2, campaignId)
                    .setParameter(3, prompt.index())
                    .setParameter(4, prompt.event().skill())
                    .setParameter(5, prompt.seed())
                    .setParameter(6, prompt.event().split())
                    .setParameter(7, EventCodec.toJson(prompt.event()))
                    .setParameter(8, now)
                    .executeUpdate();
        }
        Campaign campaign = Campaign.findById(campaignId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        campaign.emittedCount += inserted;
        if (campaign.emittedCount >= campaign.requestedCount && campaign.state == CampaignState.RUNNING) {
            campaign.state = CampaignState.COMPLETED;
        }
        campaign.updatedAt = now;
        return campaign.emittedCount;
    }

    @Transactional
    public void fail(String campaignId, String reason) {
        Campaign campaign = Campaign.findById(campaignId);
        if (campaign != null && campaign.state == CampaignState.RUNNING) {
            campaign.state = CampaignState.FAILED;
            campaign.failureReason = reason;
            campaign.updatedAt = Instant.now();
        }
    }
}
