package dev.distill.evaluator.service;

import dev.distill.evaluator.config.EvaluatorConfig;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a scored checkpoint replaces its student's champion: it must reach the gate (the least accuracy a
 * champion may have), beat the champion's overall accuracy by the margin, and drop no skill by more than the allowed
 * number of points. The same suite scores every checkpoint of every teacher version, so the numbers compare.
 */
public final class PromotionGate {

    /** The verdicts a BenchmarkEvent carries. */
    public static final String PROMOTED = "promoted";
    public static final String BELOW_GATE = "below-gate";
    public static final String NOT_BETTER = "not-better";
    public static final String SKILL_REGRESSION = "skill-regression";
    /** A result on a suite the gate does not judge (every suite but the built-in one). */
    public static final String UNJUDGED = "unjudged";

    /** Accuracies are ratios of counts: differences within this are rounding, not points. */
    private static final double EPSILON = 1e-9;

    private final double gate;
    private final double margin;
    private final double maxSkillDrop;

    public PromotionGate(double gate, double margin, double maxSkillDrop) {
        this.gate = gate;
        this.margin = margin;
        this.maxSkillDrop = maxSkillDrop;
    }

    public static PromotionGate of(EvaluatorConfig config) {
        return new PromotionGate(config.gate(), config.promotion().margin(), config.promotion().maxSkillDrop());
    }

    /** A score on the gate's suite: overall and per skill, fractions in 0..1. */
    public record Scores(double accuracy, Map<String, Double> perSkill) {
    }

    /** The verdict, and why in words (for the PromotionEvent's reason and the logs). */
    public record Decision(String verdict, String reason) {

        public boolean promoted() {
            return PROMOTED.equals(verdict);
        }
    }

    public Decision decide(Scores candidate, Optional<Scores> champion) {
        if (candidate.accuracy() < gate - EPSILON) {
            return new Decision(BELOW_GATE, String.format(Locale.ROOT, "accuracy %s is below the gate %s",
                    percent(candidate.accuracy()), percent(gate)));
        }
        if (champion.isEmpty()) {
            return new Decision(PROMOTED, String.format(Locale.ROOT, "first champion: accuracy %s reaches the gate %s",
                    percent(candidate.accuracy()), percent(gate)));
        }
        Scores current = champion.get();
        if (candidate.accuracy() < current.accuracy() + margin - EPSILON) {
            return new Decision(NOT_BETTER, String.format(Locale.ROOT,
                    "accuracy %s does not beat the champion's %s by the margin %s", percent(candidate.accuracy()),
                    percent(current.accuracy()), percent(margin)));
        }
        for (Map.Entry<String, Double> skill : current.perSkill().entrySet()) {
            double now = candidate.perSkill().getOrDefault(skill.getKey(), 0.0);
            if (skill.getValue() - now > maxSkillDrop + EPSILON) {
                return new Decision(SKILL_REGRESSION, String.format(Locale.ROOT,
                        "%s drops from %s to %s, more than the allowed %s", skill.getKey(), percent(skill.getValue()),
                        percent(now), percent(maxSkillDrop)));
            }
        }
        return new Decision(PROMOTED, String.format(Locale.ROOT, "accuracy %s beats the champion's %s",
                percent(candidate.accuracy()), percent(current.accuracy())));
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
