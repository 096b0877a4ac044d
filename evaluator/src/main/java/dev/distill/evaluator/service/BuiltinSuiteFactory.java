package dev.distill.evaluator.service;

import dev.distill.evaluator.config.EvaluatorConfig;
import dev.distill.skills.Problem;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import dev.distill.skills.Split;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in suite: eval-split problems of the built-in skills ({@code distill.evaluator.builtin.skills}, all by
 * default), the same ones for every checkpoint. An unknown skill name stops the evaluator at start.
 */
@ApplicationScoped
public class BuiltinSuiteFactory {

    public static final String NAME = EvalSuite.BUILTIN;

    @Produces
    @Singleton
    EvalSuite builtin(EvaluatorConfig config) {
        SkillSuite skills = SkillSuite.builtIn();
        List<EvalSuite.Item> items = new ArrayList<>();
        for (String name : config.builtin().skills().orElse(List.copyOf(skills.names()))) {
            Skill skill = skills.get(name);
            int difficulty = Math.min(config.builtin().difficulty(), skill.maxDifficulty());
            for (int i = 0; i < config.builtin().prompts(); i++) {
                Problem problem = skill.generate(Split.EVAL.seed(config.builtin().seed(), i), difficulty);
                // the id the suite-prompts topic has always keyed built-in prompts by
                items.add(new EvalSuite.Item(skill.name() + "-" + problem.seed(), skill.name(), problem.prompt(),
                        new SkillCheck(skill, problem)));
            }
        }
        return new EvalSuite(NAME, EvalSuite.BUILTIN, Instant.now(), items);
    }
}
