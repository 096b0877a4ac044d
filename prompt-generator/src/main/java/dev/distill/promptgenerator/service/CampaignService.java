package dev.distill.promptgenerator.service;

import dev.distill.promptgenerator.domain.Campaign;
import dev.distill.promptgenerator.domain.CampaignState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Creating and reading campaigns. Starting emission is the worker's job, after the creating transaction commits. */
@ApplicationScoped
public class CampaignService {

    @Transactional
    public Campaign create(CampaignSpec spec) {
        Campaign campaign = new Campaign();
        campaign.id = UUID.randomUUID().toString();
        campaign.name = spec.name();
        campaign.skills = CampaignPlan.writeSkills(spec.skills());
        campaign.requestedCount = spec.count();
        campaign.emittedCount = 0;
        campaign.seed = spec.seed();
        campaign.ratePerSecond = spec.ratePerSecond();
        campaign.difficulty = spec.difficulty();
        campaign.split = spec.split().wireName();
        campaign.temperature = spec.sampling().temperature();
        campaign.maxTokens = spec.sampling().maxTokens();
        campaign.topLogprobs = spec.sampling().topLogprobs();
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
}
