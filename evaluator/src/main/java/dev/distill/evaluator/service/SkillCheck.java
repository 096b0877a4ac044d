package dev.distill.evaluator.service;

import dev.distill.skills.FinalAnswer;
import dev.distill.skills.Problem;
import dev.distill.skills.Skill;
import java.util.Optional;

/** A built-in skill's problem, judged by the skill's own verifier (the one the curator applies too). */
public record SkillCheck(Skill skill, Problem problem) implements AnswerCheck {

    @Override
    public boolean accepts(String completion) {
        return skill.verify(problem, completion);
    }

    @Override
    public Optional<String> answer(String completion) {
        return FinalAnswer.extract(completion);
    }
}
