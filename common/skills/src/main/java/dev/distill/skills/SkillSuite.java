package dev.distill.skills;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The built-in skills by name. */
public final class SkillSuite {

    private final Map<String, Skill> skills = new LinkedHashMap<>();

    private SkillSuite(Skill... skills) {
        for (Skill skill : skills) {
            this.skills.put(skill.name(), skill);
        }
    }

    public static SkillSuite builtIn() {
        return new SkillSuite(new Addition(), new Subtraction(), new Multiplication(), new Sorting(),
                new CountingOccurrences(), new Comparison(), new ModularArithmetic(), new WordProblems());
    }

    public Skill get(String name) {
        Skill skill = skills.get(name);
        if (skill == null) {
            throw new IllegalArgumentException("unknown skill '" + name + "'; known: " + skills.keySet());
        }
        return skill;
    }

    public Set<String> names() {
        return skills.keySet();
    }
}
