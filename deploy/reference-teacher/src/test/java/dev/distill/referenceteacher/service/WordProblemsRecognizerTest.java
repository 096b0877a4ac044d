package dev.distill.referenceteacher.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.skills.Problem;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import dev.distill.skills.Split;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WordProblemsRecognizerTest {

    private static final int PROBLEMS = 2000;
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final SkillSuite SUITE = SkillSuite.builtIn();
    private static final Skill WORD_PROBLEMS = SUITE.get("word-problems");
    private final WordProblemsRecognizer recognizer = new WordProblemsRecognizer();

    @Test
    void namesTheSkill() {
        assertThat(recognizer.skill()).isEqualTo(WORD_PROBLEMS.name());
    }

    @Test
    void recognisesEveryGeneratedPromptInBothLanguagesAsTheSameProblem() {
        int arabic = 0;
        for (int d = 1; d <= WORD_PROBLEMS.maxDifficulty(); d++) {
            for (int i = 0; i < PROBLEMS; i++) {
                Problem generated = WORD_PROBLEMS.generate(Split.EVAL.seed(d, i), d);
                Problem read = recognizer.recognise(" " + generated.prompt() + "\n").orElseThrow();
                assertThat(read.prompt()).isEqualTo(generated.prompt());
                assertThat(read.answer()).isEqualTo(generated.answer());
                assertThat(read.skill()).isEqualTo(WORD_PROBLEMS.name());
                assertThat(read.difficulty()).isBetween(Math.max(1, d - 1), Math.min(5, d + 1));
                assertThat(WORD_PROBLEMS.verify(read, WORD_PROBLEMS.solve(read))).isTrue();
                arabic += generated.prompt().endsWith("؟") ? 1 : 0;
            }
        }
        assertThat(arabic).as("Arabic prompts among them").isBetween(PROBLEMS * 2, PROBLEMS * 3);
    }

    @Test
    void aSlipMisreadsOneDigitIntoASolvableProblemWithAnotherAnswer() {
        for (int d = 1; d <= WORD_PROBLEMS.maxDifficulty(); d++) {
            for (long i = 0; i < PROBLEMS; i++) {
                Problem problem = WORD_PROBLEMS.generate(Split.TRAIN.seed(d, i), d);
                Problem slipped = recognizer.slip(problem, i * 0x9E3779B97F4A7C15L + d);
                assertThat(slipped.answer()).isNotEqualTo(problem.answer()).doesNotStartWith("-");
                String solution = WORD_PROBLEMS.solve(slipped);
                assertThat(WORD_PROBLEMS.verify(slipped, solution)).isTrue();
                assertThat(WORD_PROBLEMS.verify(problem, solution)).isFalse();
                assertThat(recognizer.recognise(slipped.prompt())).contains(slipped);
                assertThat(slipped.prompt().replaceAll("\\d+", "#"))
                        .isEqualTo(problem.prompt().replaceAll("\\d+", "#"));
                assertThat(numbersDiffering(problem.prompt(), slipped.prompt())).isEqualTo(1);
                assertThat(solution.lines().count()).isEqualTo(WORD_PROBLEMS.solve(problem).lines().count());
            }
        }
    }

    private static long numbersDiffering(String prompt, String slipped) {
        List<String> before = NUMBER.matcher(prompt).results().map(MatchResult::group).toList();
        List<String> after = NUMBER.matcher(slipped).results().map(MatchResult::group).toList();
        assertThat(after).hasSameSizeAs(before);
        return IntStream.range(0, before.size()).filter(i -> !before.get(i).equals(after.get(i))).count();
    }

    @Test
    void ignoresOtherSkillsPrompts() {
        RecognizerChecks.ignoresOtherSkills(recognizer);
    }

    @Test
    void refusesGarbageOversizedAndUnsolvableInput() {
        assertThat(recognizer.recognise("")).isEmpty();
        assertThat(recognizer.recognise("Tell me a joke?")).isEmpty();
        assertThat(recognizer.recognise("ما اسمك؟")).isEmpty();
        assertThat(recognizer.recognise("Sam buys 4 pens at 3 dollars each. How many dollars does Sam pay? Explain."))
                .isEmpty();
        assertThat(recognizer.recognise("Sam buys 4 spoons at 3 dollars each. How many dollars does Sam pay?"))
                .isEmpty();
        assertThat(recognizer.recognise("Sam shares 10 pens equally among 3 friends. How many pens does each friend"
                + " get?")).isEmpty();
        assertThat(recognizer.recognise("Sam buys 4000000 pens at 3 dollars each. How many dollars does Sam pay?"))
                .isEmpty();
        assertThat(recognizer.recognise("S" + "a".repeat(600) + "m buys 4 pens at 3 dollars each. How many dollars"
                + " does S" + "a".repeat(600) + "m pay?")).isEmpty();
        String repeated = "Sam buys 4 pens at".repeat(30) + " 3 dollars each. How many dollars does Sam pay?";
        assertThat(recognizer.recognise(repeated)).isEmpty();
        assertThat(recognizer.recognise("x".repeat(1_000_000) + "?")).isEmpty();
    }

    @Test
    void readsAHandWrittenPromptOfEachLanguage() {
        Problem english = recognizer.recognise(
                "Sam buys 4 pens at 3 dollars each. How many dollars does Sam pay?").orElseThrow();
        assertThat(english.answer()).isEqualTo("12");
        assertThat(english.difficulty()).isEqualTo(1);
        Problem arabic = recognizer.recognise("اشترى سامي 4 أقلام، سعر القلم الواحد 3 دولارات. كم دولارًا دفع سامي؟")
                .orElseThrow();
        assertThat(arabic.answer()).isEqualTo("12");
    }
}
