package dev.distill.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.evaluator.service.PromotionGate;
import dev.distill.evaluator.service.PromotionGate.Scores;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromotionGateTest {

    private final PromotionGate gate = new PromotionGate(0.5, 0.01, 0.05);
    private final Optional<Scores> champion = Optional.of(new Scores(0.80, Map.of("addition", 0.90, "sorting", 0.70)));

    @Test
    void aFirstChampionNeedsOnlyToReachTheGate() {
        assertThat(gate.decide(new Scores(0.49, Map.of()), Optional.empty()).verdict()).isEqualTo(PromotionGate.BELOW_GATE);
        PromotionGate.Decision first = gate.decide(new Scores(0.50, Map.of()), Optional.empty());
        assertThat(first.promoted()).isTrue();
        assertThat(first.reason()).contains("first champion");
    }

    @Test
    void aChallengerMustBeatTheChampionByTheMargin() {
        assertThat(gate.decide(new Scores(0.805, Map.of("addition", 0.90, "sorting", 0.71)), champion).verdict())
                .isEqualTo(PromotionGate.NOT_BETTER);
        PromotionGate.Decision better = gate.decide(new Scores(0.81, Map.of("addition", 0.90, "sorting", 0.72)), champion);
        assertThat(better.promoted()).isTrue();
        assertThat(better.reason()).contains("81.0%").contains("80.0%");
    }

    @Test
    void noSkillMayDropByMoreThanTheAllowedPointsEvenWhenTheOverallScoreRises() {
        PromotionGate.Decision regression = gate.decide(
                new Scores(0.90, Map.of("addition", 0.84, "sorting", 0.96)), champion); // addition -6 points
        assertThat(regression.verdict()).isEqualTo(PromotionGate.SKILL_REGRESSION);
        assertThat(regression.reason()).contains("addition").contains("90.0%").contains("84.0%");
        assertThat(gate.decide(new Scores(0.90, Map.of("addition", 0.85, "sorting", 0.95)), champion).promoted())
                .isTrue(); // exactly the allowed 5 points
        assertThat(gate.decide(new Scores(0.95, Map.of("addition", 1.0)), champion).verdict())
                .isEqualTo(PromotionGate.SKILL_REGRESSION); // a skill the challenger was not scored on counts as 0
    }
}
