package dev.distill.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StudentConfigTest {

    @Test
    void presetsHaveTheAdvertisedSizes() {
        try (Student tiny = Student.create(StudentConfig.tiny(), 1);
                Student small = Student.create(StudentConfig.small(), 1);
                Student base = Student.create(StudentConfig.base(), 1)) {
            assertThat(tiny.parameterCount()).isBetween(70_000L, 150_000L);
            assertThat(small.parameterCount()).isBetween(700_000L, 1_500_000L);
            assertThat(base.parameterCount()).isBetween(7_000_000L, 15_000_000L);
        }
    }

    @Test
    void presetByNameAndUnknownNameListsValidOnes() {
        assertThat(StudentConfig.preset("Small")).isEqualTo(StudentConfig.small());
        assertThatThrownBy(() -> StudentConfig.preset("huge")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("huge").hasMessageContaining("tiny, small, base");
    }

    @Test
    void validationExplainsTheProblem() {
        assertThatThrownBy(() -> new StudentConfig(263, 66, 4, 2, 128, 128, "learned"))
                .hasMessageContaining("dModel (66) must be divisible by heads (4)");
        assertThatThrownBy(() -> new StudentConfig(100, 64, 4, 2, 128, 128, "learned"))
                .hasMessageContaining("vocabSize must be at least 263");
        assertThatThrownBy(() -> new StudentConfig(263, 64, 4, 2, 128, 128, "alibi"))
                .hasMessageContaining("learned").hasMessageContaining("rotary");
        assertThatThrownBy(() -> new StudentConfig(263, 64, 4, 0, 128, 128, "learned"))
                .hasMessageContaining("layers must be positive");
    }

    @Test
    void sameSeedGivesSameParametersDifferentSeedDifferent() {
        int[] tokens = {ByteTokenizer.BOS, 'a', 'b', 'c'};
        try (Student a = Student.create(StudentConfig.tiny(), 7);
                Student b = Student.create(StudentConfig.tiny(), 7);
                Student c = Student.create(StudentConfig.tiny(), 8)) {
            assertThat(a.logits(tokens)).isDeepEqualTo(b.logits(tokens));
            assertThat(a.logits(tokens)[3][0]).isNotEqualTo(c.logits(tokens)[3][0]);
        }
    }
}
