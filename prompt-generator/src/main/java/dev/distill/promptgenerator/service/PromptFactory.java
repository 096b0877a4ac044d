package dev.distill.promptgenerator.service;

import dev.distill.events.ChatMessage;
import dev.distill.events.PromptEvent;
import dev.distill.events.PromptText;
import dev.distill.events.Reference;
import dev.distill.promptgenerator.source.PromptLine;
import dev.distill.skills.Problem;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import java.time.Instant;
import java.util.List;

/**
 * Builds a campaign's candidate prompts: candidate i of a skills campaign from the built-in suite, or valid line i
 * of a file. Everything but createdAt is a function of (campaign, i), and the promptId is {@code <campaignId>-<i>}.
 */
public final class PromptFactory {

    public static final String SKILLS = "skills";
    public static final String FILE = "file";
    public static final String VERIFIER = "final-answer";

    private final SkillSuite suite;

    public PromptFactory(SkillSuite suite) {
        this.suite = suite;
    }

    public static String promptId(String campaignId, long index) {
        return campaignId + "-" + index;
    }

    public PromptLedger.Entry skillPrompt(CampaignPlan plan, long index, Instant now) {
        Skill skill = suite.get(plan.mix().skillFor(plan.seed(), index));
        long seed = plan.split().seed(plan.seed(), index); // train seeds even, eval seeds odd: disjoint by construction
        Problem problem = skill.generate(seed, plan.curriculum().difficultyAt(index, plan.count()));
        List<ChatMessage> messages = List.of(ChatMessage.user(problem.prompt()));
        PromptEvent event = new PromptEvent(PromptEvent.SCHEMA_VERSION, promptId(plan.id(), index), plan.id(), SKILLS,
                skill.name(), messages, new Reference(problem.answer(), VERIFIER), plan.split().wireName(),
                plan.sampling(), null, now);
        return new PromptLedger.Entry(event, index, seed, PromptText.hash(messages));
    }

    public PromptLedger.Entry filePrompt(CampaignPlan plan, long ordinal, PromptLine line, Instant now) {
        PromptEvent event = new PromptEvent(PromptEvent.SCHEMA_VERSION, promptId(plan.id(), ordinal), plan.id(), FILE,
                line.skill(), line.messages(), line.reference(), plan.split().wireName(), plan.sampling(), null, now);
        return new PromptLedger.Entry(event, ordinal, null, PromptText.hash(line.messages()));
    }
}
