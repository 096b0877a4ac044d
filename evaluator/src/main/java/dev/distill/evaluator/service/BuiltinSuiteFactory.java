package dev.distill.evaluator.service;

import dev.distill.evaluator.config.EvaluatorConfig;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import dev.distill.skills.Split;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in suite: eval-split problems of the built-in skills ({@code distill.evaluator.builtin.skills}, all by
 * default), the same ones for every checkpoint. An unknown skill name stops the evaluator at start.
 */
@ApplicationScoped
public class BuiltinSuiteFactory {

    public static final String NAME = "builtin";

    @Produces
    @Singleton
    EvalSuite builtin(EvaluatorConfig config) {
        SkillSuite skills = SkillSuite.builtIn();
        List<EvalSuite.Item> items = new ArrayList<>();
        for (String name : config.builtin().skills().orElse(List.copyOf(skills.names()))) {
            Skill skill = skills.get(name);
            int difficulty = Math.min(config.builtin().difficulty(), skill.maxDifficulty());
            for (int i = 0; i < config.builtin().prompts(); i++) {
                items.add(new EvalSuite.Item(skill, skill.generate(Split.EVAL.seed(config.builtin().seed(), i), difficulty)));
            }
        }
        return new EvalSuite(NAME, List.copyOf(items));
    }
}
