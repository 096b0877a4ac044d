package dev.distill.referenceteacher.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.skills.Problem;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import dev.distill.skills.Split;

/** The checks every recogniser test runs: generated prompts read back, slips that go wrong, other prompts refused. */
final class RecognizerChecks {

    static final SkillSuite SUITE = SkillSuite.builtIn();
    static final int PER_DIFFICULTY = 2000;

    private RecognizerChecks() {
    }

    /** Every difficulty: generated prompts read as the same problem, and each one's slip is valid and wrong. */
    static void readsAndSlipsGeneratedProblems(SkillRecognizer recognizer) {
        Skill skill = SUITE.get(recognizer.skill());
        for (int d = 1; d <= skill.maxDifficulty(); d++) {
            for (int i = 0; i < PER_DIFFICULTY; i++) {
                Split split = i % 2 == 0 ? Split.TRAIN : Split.EVAL;
                Problem generated = skill.generate(split.seed(d, i), d);
                Problem read = recognizer.recognise(generated.prompt()).orElseThrow(
                        () -> new AssertionError("not recognised: " + generated.prompt()));
                assertThat(read.skill()).isEqualTo(skill.name());
                assertThat(read.seed()).isZero();
                assertThat(read.difficulty()).isBetween(1, skill.maxDifficulty());
                assertThat(read.prompt()).isEqualTo(generated.prompt());
                assertThat(read.answer()).isEqualTo(generated.answer());
                assertThat(skill.verify(generated, skill.solve(read))).as(generated.prompt()).isTrue();
                assertThat(skill.solve(read)).isEqualTo(skill.solve(generated));
                slipsWrongButConsistently(recognizer, read, mix(d * 1_000_003L + i));
            }
        }
    }

    /** The slip is deterministic, a valid prompt of the skill, solved consistently, and not the right answer. */
    static Problem slipsWrongButConsistently(SkillRecognizer recognizer, Problem problem, long bits) {
        Skill skill = SUITE.get(recognizer.skill());
        Problem slipped = recognizer.slip(problem, bits);
        assertThat(recognizer.slip(problem, bits)).isEqualTo(slipped);
        assertThat(slipped.skill()).isEqualTo(skill.name());
        assertThat(slipped.answer()).as("slip of " + problem.prompt()).isNotEqualTo(problem.answer());
        Problem reread = recognizer.recognise(slipped.prompt()).orElseThrow(
                () -> new AssertionError("slipped prompt not valid: " + slipped.prompt()));
        assertThat(reread.answer()).isEqualTo(slipped.answer());
        String solution = skill.solve(slipped);
        assertThat(skill.verify(slipped, solution)).as(slipped.prompt()).isTrue();
        assertThat(skill.verify(problem, solution)).as("slip of " + problem.prompt() + " verifies").isFalse();
        return slipped;
    }

    /** A few prompts of every other built-in skill, at every difficulty, are not this skill's. */
    static void ignoresOtherSkills(SkillRecognizer recognizer) {
        for (String name : SUITE.names()) {
            if (name.equals(recognizer.skill())) {
                continue;
            }
            Skill other = SUITE.get(name);
            for (int d = 1; d <= other.maxDifficulty(); d++) {
                for (int i = 0; i < 20; i++) {
                    for (long seed : new long[] {Split.TRAIN.seed(77, i), Split.EVAL.seed(7, i)}) {
                        String prompt = other.generate(seed, d).prompt();
                        assertThat(recognizer.recognise(prompt)).as(name + ": " + prompt).isEmpty();
                    }
                }
            }
        }
    }

    static void refuses(SkillRecognizer recognizer, String... prompts) {
        for (String prompt : prompts) {
            assertThat(recognizer.recognise(prompt)).as(prompt).isEmpty();
        }
    }

    /** A prompt far past any bound: a million digits. */
    static String huge() {
        return "1".repeat(1_000_000);
    }

    /** SplitMix64 finaliser, so consecutive indexes give unrelated slip bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
