package dev.distill.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.distill.events.TokenLogprob;
import dev.distill.model.TeacherTargets.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeacherTargetsTest {

    /** A teacher token chosen with probability p; alternatives as token, probability pairs. */
    private static TokenLogprob token(String text, double p, Object... alternatives) {
        List<TokenLogprob.Alternative> top = new ArrayList<>();
        for (int i = 0; i < alternatives.length; i += 2) {
            top.add(new TokenLogprob.Alternative((String) alternatives[i], Math.log((Double) alternatives[i + 1])));
        }
        return new TokenLogprob(text, Math.log(p), top);
    }

    private static void assertDistribution(ByteDistribution d, int[] ids, double... probs) {
        assertThat(d).isNotNull();
        assertThat(d.ids()).containsExactly(ids);
        for (int i = 0; i < probs.length; i++) {
            assertThat((double) d.probs()[i]).as("probability of byte %d", ids[i]).isCloseTo(probs[i], within(1e-6));
        }
    }

    @Test
    void asciiTokensProjectOntoTheirFirstByteAndMergeAlternativesSharingIt() {
        List<TokenLogprob> tokens = List.of(
                token("12", 0.8, "12", 0.8, "13", 0.1, "2", 0.05), // '1' = 0.8 + 0.1, the chosen token counted once
                token("+", 0.9, "+", 0.9, "-", 0.05),
                token("3", 1.0), // no alternatives: a hard target
                token("=15", 0.7, "=15", 0.7, "=", 0.2, "", 0.1)); // the empty alternative is dropped
        TeacherTargets t = TeacherTargets.project("12+3=15", tokens);

        assertThat(t.outcome()).isEqualTo(Outcome.PROJECTED);
        assertThat(t.distributions()).hasSize(8); // 7 answer bytes + EOS
        assertDistribution(t.distributions()[0], new int[] {'1', '2'}, 0.9 / 0.95, 0.05 / 0.95);
        assertDistribution(t.distributions()[2], new int[] {'+', '-'}, 0.9 / 0.95, 0.05 / 0.95);
        assertDistribution(t.distributions()[4], new int[] {'='}, 1.0);
        for (int j : new int[] {1, 3, 5, 6, 7}) {
            assertThat(t.distributions()[j]).as("position %d is a hard target", j).isNull();
        }
        assertThat(t.positions()).isEqualTo(3);
    }

    @Test
    void multiByteTokensProjectOntoTheirUtf8LeadByteAtTheirByteOffset() {
        // س U+0633 = D8 B3, ل U+0644 = D9 84, ا U+0627 = D8 A7, م U+0645 = D9 85
        List<TokenLogprob> tokens = List.of(
                token("سل", 0.6, "سل", 0.6, "ل", 0.3),
                token("ام", 0.5, "ام", 0.5, "a", 0.25));
        TeacherTargets t = TeacherTargets.project("سلام", tokens);

        assertThat(t.outcome()).isEqualTo(Outcome.PROJECTED);
        assertThat(t.distributions()).hasSize(9);
        assertDistribution(t.distributions()[0], new int[] {0xD8, 0xD9}, 0.6 / 0.9, 0.3 / 0.9);
        assertDistribution(t.distributions()[4], new int[] {'a', 0xD8}, 0.25 / 0.75, 0.5 / 0.75);
        assertThat(t.positions()).isEqualTo(2);
    }

    @Test
    void aChosenTokenMissingFromTheTopListIsAddedWithItsOwnProbability() {
        TeacherTargets t = TeacherTargets.project("7", List.of(token("7", 0.2, "8", 0.6, "9", 0.1)));
        assertDistribution(t.distributions()[0], new int[] {'7', '8', '9'}, 0.2 / 0.9, 0.6 / 0.9, 0.1 / 0.9);
    }

    @Test
    void alternativesThatAreNotUtf8OrHaveNoProbabilityAreDropped() {
        TeacherTargets t = TeacherTargets.project("a", List.of(new TokenLogprob("a", Math.log(0.5), List.of(
                new TokenLogprob.Alternative("a", Math.log(0.5)),
                new TokenLogprob.Alternative("\uD83D", Math.log(0.3)), // half of a surrogate pair
                new TokenLogprob.Alternative("c", Double.NEGATIVE_INFINITY),
                new TokenLogprob.Alternative("d", Double.NaN),
                new TokenLogprob.Alternative("b", Math.log(0.1))))));
        assertDistribution(t.distributions()[0], new int[] {'a', 'b'}, 0.5 / 0.6, 0.1 / 0.6);
    }

    @Test
    void tokensThatDoNotSpellTheAnswerGiveNoTargets() {
        assertThat(TeacherTargets.project("12+3", List.of(token("12", 0.9, "1", 0.1), token("+4", 0.9, "+", 0.1))).outcome())
                .isEqualTo(Outcome.MISALIGNED);
        assertThat(TeacherTargets.project("12+3", List.of(token("12", 0.9, "1", 0.1))).outcome())
                .as("tokens cover only part of the answer").isEqualTo(Outcome.MISALIGNED);
        assertThat(TeacherTargets.project("12", List.of(token("12", 0.9, "1", 0.1), token("3", 1.0, "3", 1.0))).outcome())
                .as("tokens run past the answer").isEqualTo(Outcome.MISALIGNED);
        // A character split between tokens: the halves are not UTF-8 on their own, although the strings concatenate.
        TeacherTargets split = TeacherTargets.project("a😀", List.of(token("a", 0.9, "b", 0.1),
                token("\uD83D", 0.9, "x", 0.1), token("\uDE00", 1.0)));
        assertThat(split.outcome()).isEqualTo(Outcome.MISALIGNED);
        assertThat(split.distributions()).isEmpty();
        assertThat(split.projected()).isFalse();
    }

    @Test
    void samplesWithoutTokensOrAlternativesGiveNoTargets() {
        assertThat(TeacherTargets.project("12", List.of()).outcome()).isEqualTo(Outcome.NO_TOKENS);
        assertThat(TeacherTargets.project("12", null).outcome()).isEqualTo(Outcome.NO_TOKENS);
        assertThat(TeacherTargets.project("12", List.of(token("1", 0.9), token("2", 0.8))).outcome())
                .isEqualTo(Outcome.NO_ALTERNATIVES);
        // Empty chosen tokens cover no bytes and do not break the alignment.
        TeacherTargets withEmpty = TeacherTargets.project("12", List.of(token("", 0.5, "x", 0.5), token("12", 0.9, "2", 0.1)));
        assertThat(withEmpty.outcome()).isEqualTo(Outcome.PROJECTED);
        assertDistribution(withEmpty.distributions()[0], new int[] {'1', '2'}, 0.9, 0.1);
    }

    @Test
    void targetsLandOnTheAnswerPositionsOfTheEncodedExample() {
        ByteTokenizer tokenizer = ByteTokenizer.instance();
        List<ChatTurn> prompt = List.of(ChatTurn.user("What is 9 + 3?"));
        TeacherTargets t = TeacherTargets.project("12", List.of(token("1", 0.7, "1", 0.7, "2", 0.3), token("2", 1.0)));
        EncodedExample plain = tokenizer.encodeExample(prompt, "12");
        EncodedExample e = plain.withTeacher(t);

        int start = tokenizer.encodePrompt(prompt).length;
        assertThat(e.tokens()).containsExactly(plain.tokens());
        assertThat(e.answerMask()).containsExactly(plain.answerMask());
        assertThat(e.teacher()[start]).isEqualTo(t.distributions()[0]);
        assertThat(e.tokens()[start]).isEqualTo('1');
        assertThat(e.teacherPositionCount()).isEqualTo(1);
        assertThat(plain.teacher()).isNull();

        TeacherTargets misaligned = TeacherTargets.project("12", List.of(token("13", 0.9, "1", 0.1)));
        assertThat(plain.withTeacher(misaligned)).isSameAs(plain);
        assertThatThrownBy(() -> tokenizer.encodeExample(prompt, "13").withTeacher(t))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another answer");
    }

    @Test
    void temperingRaisesProbabilitiesToOneOverTauAndRenormalises() {
        ByteDistribution d = new ByteDistribution(new int[] {'a', 'b', 'c'}, new float[] {0.7f, 0.2f, 0.1f});
        double[] w = {Math.sqrt(0.7), Math.sqrt(0.2), Math.sqrt(0.1)};
        double sum = w[0] + w[1] + w[2];
        float[] tempered = d.tempered(2);
        for (int i = 0; i < 3; i++) {
            assertThat((double) tempered[i]).isCloseTo(w[i] / sum, within(1e-6));
        }
        assertThat(d.tempered(1)).containsExactly(new float[] {0.7f, 0.2f, 0.1f}, within(1e-6f));
        assertThat(d.tempered(0.01)[0]).as("a low temperature sharpens to the mode").isCloseTo(1f, within(1e-6f));
        assertThat(d.probability('b')).isCloseTo(0.2, within(1e-6));
        assertThat(d.probability('z')).isZero();
    }
}
