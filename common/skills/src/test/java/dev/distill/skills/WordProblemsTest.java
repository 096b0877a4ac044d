package dev.distill.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WordProblemsTest {

    private static final int[] OPERATIONS = {1, 2, 2, 3, 4};

    private final WordProblems problems = new WordProblems();

    @Test
    void generatedProblemsReadAsExpectedInBothLanguages() {
        Problem english = problems.generate(2, 1);
        assertThat(english.prompt()).isEqualTo(
                "Karim shares 18 notebooks equally among 6 friends. How many notebooks does each friend get?");
        assertThat(problems.solve(english)).isEqualTo("each friend = 18 ÷ 6 = 3\n#### 3");

        Problem arabic = problems.generate(3, 1);
        assertThat(arabic.prompt()).isEqualTo("اشترى سامي 3 دفاتر، سعر الدفتر الواحد 7 دولارات. كم دولارًا دفع سامي؟");
        assertThat(problems.solve(arabic)).isEqualTo("ثمن الدفاتر = 3 × 7 = 21\n#### 21");

        assertThat(problems.generate(3, 2).prompt())
                .isEqualTo("لدى سامي 10 دفاتر، ثم اشترى 7 دفاتر، وأعطى صديقه 3 دفاتر. كم دفترًا بقي لدى سامي؟");
        assertThat(problems.generate(4, 3).prompt()).isEqualTo("Ali buys 10 boxes with 11 pens in each box and"
                + " shares all the pens equally among 11 friends. How many pens does each friend get?");
        assertThat(problems.generate(4, 4).prompt()).isEqualTo("Ali buys 10 boxes with 11 pens in each box, keeps"
                + " 14 pens and shares the rest equally among 6 friends. How many pens does each friend get?");

        Problem english5 = problems.generate(2, 5);
        assertThat(english5.prompt()).isEqualTo("Karim has 2000 dollars. Karim buys 29 notebooks at 56 dollars each"
                + " and 15 cards at 11 dollars each. How many dollars does Karim have left?");
        assertThat(problems.solve(english5)).isEqualTo("""
                cost of the notebooks = 29 × 56 = 1624
                cost of the cards = 15 × 11 = 165
                total cost = 1624 + 165 = 1789
                dollars left = 2000 - 1789 = 211
                #### 211""");

        Problem arabic5 = problems.generate(3, 5);
        assertThat(arabic5.prompt()).isEqualTo("لدى سامي 1300 دولار. اشترى 28 دفترًا، سعر الدفتر الواحد 31 دولارًا،"
                + " واشترى أيضًا 20 قلمًا، سعر القلم الواحد 14 دولارًا. كم دولارًا بقي لدى سامي؟");
        assertThat(problems.solve(arabic5)).isEqualTo("""
                ثمن الدفاتر = 28 × 31 = 868
                ثمن الأقلام = 20 × 14 = 280
                الثمن الكلي = 868 + 280 = 1148
                المال الباقي = 1300 - 1148 = 152
                #### 152""");
    }

    @Test
    void handWrittenPromptsAreReadBack() {
        Problem trip = new Problem("word-problems", 1, 2, "A trip is 30 km long. Sam travels at 7 km per hour for"
                + " 3 hours. How many km of the trip are left?", "9");
        assertThat(problems.solve(trip))
                .isEqualTo("distance travelled = 7 × 3 = 21\ndistance left = 30 - 21 = 9\n#### 9");

        // The counted noun follows the number: singular after 100, accusative singular after 12, plural after 5.
        Problem change = new Problem("word-problems", 1, 3, "لدى سامي 100 دولار، واشترى 12 قلمًا، سعر القلم الواحد"
                + " 5 دولارات. كم دولارًا بقي لدى سامي؟", "40");
        assertThat(problems.solve(change)).isEqualTo("ثمن الأقلام = 12 × 5 = 60\nالمال الباقي = 100 - 60 = 40\n#### 40");
    }

    @Test
    void promptsOutsideTheTemplatesAreRefused() {
        assertThatThrownBy(() -> problems.solve(new Problem("word-problems", 1, 1, "What is 2 + 2?", "4")))
                .isInstanceOf(IllegalArgumentException.class);
        // "12 أقلام" breaks number-noun agreement, so it is not one of this skill's prompts.
        assertThatThrownBy(() -> problems.solve(new Problem("word-problems", 1, 3, "لدى سامي 100 دولار، واشترى"
                + " 12 أقلام، سعر القلم الواحد 5 دولارات. كم دولارًا بقي لدى سامي؟", "40")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everySolutionPassesItsOwnVerifierAndWrongAnswersFail() {
        for (int difficulty = 1; difficulty <= problems.maxDifficulty(); difficulty++) {
            int arabic = 0;
            for (long i = 0; i < 10_000; i++) {
                Problem problem = problems.generate(Split.TRAIN.seed(7, i), difficulty);
                String solution = problems.solve(problem);
                assertThat(problems.verify(problem, solution)).as(problem.prompt()).isTrue();
                assertThat(solution).endsWith("\n#### " + problem.answer());
                assertThat(problem.answer()).matches("[0-9]+");
                long wrong = Long.parseLong(problem.answer()) + 1;
                assertThat(problems.verify(problem, solution.replace("#### " + problem.answer(), "#### " + wrong)))
                        .isFalse();
                assertThat(solution.split("\n")).as(problem.prompt()).hasSize(OPERATIONS[difficulty - 1] + 1);
                boolean inArabic = hasArabicLetters(problem.prompt());
                assertThat(hasArabicLetters(solution)).as(solution).isEqualTo(inArabic);
                assertThat(hasEasternDigits(problem.prompt() + solution)).isFalse();
                arabic += inArabic ? 1 : 0;
            }
            assertThat(arabic).as("Arabic prompts at difficulty " + difficulty).isBetween(4_000, 6_000);
        }
    }

    @Test
    void languageIsDrawnNotTakenFromSeedParity() {
        for (Split split : Split.values()) {
            for (int difficulty = 1; difficulty <= problems.maxDifficulty(); difficulty++) {
                int arabic = 0;
                for (long i = 0; i < 1_000; i++) {
                    arabic += hasArabicLetters(problems.generate(split.seed(11, i), difficulty).prompt()) ? 1 : 0;
                }
                assertThat(arabic).as(split + " difficulty " + difficulty).isBetween(400, 600);
            }
        }
    }

    @Test
    void sameSeedSameProblemAndSeedsVary() {
        for (int difficulty = 1; difficulty <= problems.maxDifficulty(); difficulty++) {
            assertThat(problems.generate(42, difficulty)).isEqualTo(problems.generate(42, difficulty));
            Set<String> prompts = new HashSet<>();
            for (long i = 0; i < 1_000; i++) {
                prompts.add(problems.generate(Split.EVAL.seed(5, i), difficulty).prompt());
            }
            assertThat(prompts).hasSizeGreaterThan(900);
        }
    }

    @Test
    void moreOperationsAndLargerNumbersAtHigherDifficulty() {
        double previousMean = 0;
        for (int difficulty = 1; difficulty <= problems.maxDifficulty(); difficulty++) {
            long largest = 0;
            long total = 0;
            for (long i = 0; i < 2_000; i++) {
                Problem problem = problems.generate(Split.EVAL.seed(9, i), difficulty);
                long biggest = largestNumber(problems.solve(problem));
                largest = Math.max(largest, biggest);
                total += biggest;
            }
            double mean = total / 2_000.0;
            assertThat(mean).as("mean largest number at difficulty " + difficulty).isGreaterThan(previousMean);
            previousMean = mean;
            if (difficulty <= 2) {
                assertThat(largest).isLessThanOrEqualTo(200);
            } else {
                assertThat(largest).isGreaterThan(1_000);
            }
        }
    }

    @Test
    void outOfRangeDifficultyIsRefused() {
        assertThatThrownBy(() -> problems.generate(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> problems.generate(1, problems.maxDifficulty() + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean hasArabicLetters(String text) {
        return text.chars().anyMatch(c -> c >= 0x0621 && c <= 0x064A);
    }

    private static boolean hasEasternDigits(String text) {
        return text.chars().anyMatch(c -> (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9));
    }

    private static long largestNumber(String text) {
        long largest = 0;
        for (String token : text.split("[^0-9]+")) {
            if (!token.isEmpty()) {
                largest = Math.max(largest, Long.parseLong(token));
            }
        }
        return largest;
    }
}
