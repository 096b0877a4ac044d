package dev.distill.evaluator.service;

import dev.distill.skills.Problem;
import dev.distill.skills.Skill;
import java.util.List;

/** A named, fixed list of problems every checkpoint is scored on. */
public record EvalSuite(String name, List<Item> items) {

    public record Item(Skill skill, Problem problem) {
    }
}
