package dev.distill.promptgenerator.service;

import dev.distill.events.ChatMessage;
import dev.distill.events.PromptEvent;
import dev.distill.events.Reference;
import dev.distill.skills.Problem;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import java.time.Instant;
import java.util.List;

/** Builds prompt {@code i} of a campaign from the built-in suite; everything but createdAt is a function of (campaign, i). */
public final class PromptFactory {

    public static final String SOURCE = "skills";
    public static final String VERIFIER = "final-answer";

    private final SkillSuite suite;

    public PromptFactory(SkillSuite suite) {
        this.suite = suite;
    }

    public static String promptId(String campaignId, long index) {
        return campaignId + "-" + index;
    }

    public PlannedPrompt prompt(CampaignPlan plan, long index, Instant now) {
        Skill skill = suite.get(plan.mix().skillFor(plan.seed(), index));
        long seed = plan.split().seed(plan.seed(), index); // train seeds even, eval seeds odd: disjoint by construction
        Problem problem = skill.generate(seed, plan.difficulty());
        PromptEvent event = new PromptEvent(PromptEvent.SCHEMA_VERSION, promptId(plan.id(), index), plan.id(), SOURCE,
                skill.name(), List.of(ChatMessage.user(problem.prompt())), new Reference(problem.answer(), VERIFIER),
                plan.split().wireName(), plan.sampling(), null, now);
        return new PlannedPrompt(index, seed, event);
    }
}
