package dev.distill.referenceteacher.service;

import dev.distill.skills.FinalAnswer;
import dev.distill.skills.Problem;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the English and Arabic word-problem templates (by letting the skill's own solver parse the prompt) and
 * slips by misreading one number (one digit of it, else a nearby value), choosing a misreading that still makes a
 * solvable problem.
 */
@ApplicationScoped
public class WordProblemsRecognizer implements SkillRecognizer {

    private static final Skill WORD_PROBLEMS = SkillSuite.builtIn().get("word-problems");
    /** The longest template with long names stays far below this; longer text is not one of these problems. */
    private static final int MAX_CHARS = 600;
    /** Numbers of the templates have a few digits; this also keeps the solver's arithmetic far from overflow. */
    private static final int MAX_DIGITS = 6;
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern STEP = Pattern.compile(" = -?\\d+ . -?\\d+ = (-?\\d+)$", Pattern.MULTILINE);

    @Override
    public String skill() {
        return "word-problems";
    }

    @Override
    public Optional<Problem> recognise(String prompt) {
        String text = prompt.strip();
        if (text.length() > MAX_CHARS || !(text.endsWith("?") || text.endsWith("؟"))) {
            return Optional.empty();
        }
        Matcher number = NUMBER.matcher(text);
        while (number.find()) {
            if (number.end() - number.start() > MAX_DIGITS) {
                return Optional.empty();
            }
        }
        String solution;
        try {
            solution = WORD_PROBLEMS.solve(new Problem(skill(), 0L, 1, text, ""));
        } catch (RuntimeException notOneOfThese) { // no template reads it, or a share does not divide exactly
            return Optional.empty();
        }
        Optional<String> answer = FinalAnswer.extract(solution);
        return answer.map(a -> new Problem(skill(), 0L, difficulty(solution), text, a));
    }

    @Override
    public Problem slip(Problem problem, long bits) {
        List<int[]> numbers = new ArrayList<>();
        Matcher number = NUMBER.matcher(problem.prompt());
        while (number.find()) {
            numbers.add(new int[] {number.start(), number.end()});
        }
        int firstNumber = (int) Math.floorMod(bits, (long) Math.max(1, numbers.size()));
        int sign = ((bits >>> 16) & 1L) == 0 ? 1 : -1;
        // misreadings in an order fixed by bits, nearest first, until one is a solvable problem with another answer:
        // one digit of one number (e.g. 17 read as 27), else (when no such problem divides exactly, or an Arabic
        // noun would need another form) one number read as a nearby one
        for (int n = 0; n < numbers.size(); n++) {
            int[] span = numbers.get((firstNumber + n) % numbers.size());
            String digits = problem.prompt().substring(span[0], span[1]);
            int firstDigit = (int) Math.floorMod(bits >>> 8, (long) digits.length());
            for (int p = 0; p < digits.length(); p++) {
                int at = (firstDigit + p) % digits.length();
                for (int change = 1; change <= 9; change++) {
                    for (int direction : new int[] {sign, -sign}) {
                        int digit = digits.charAt(at) - '0' + direction * change;
                        if (digit >= 0 && digit <= 9) {
                            String misread = digits.substring(0, at) + (char) ('0' + digit) + digits.substring(at + 1);
                            Optional<Problem> slipped = misread(problem, span, misread);
                            if (slipped.isPresent()) {
                                return slipped.get();
                            }
                        }
                    }
                }
            }
        }
        for (int change = 1; change <= 100; change++) {
            for (int n = 0; n < numbers.size(); n++) {
                int[] span = numbers.get((firstNumber + n) % numbers.size());
                long value = Long.parseLong(problem.prompt().substring(span[0], span[1]));
                for (int direction : new int[] {sign, -sign}) {
                    Optional<Problem> slipped = misread(problem, span, Long.toString(value + direction * change));
                    if (slipped.isPresent()) {
                        return slipped.get();
                    }
                }
            }
        }
        throw new IllegalArgumentException("no misreading of this word problem is solvable: " + problem.prompt());
    }

    /** The problem with the number at {@code span} read as {@code misread}, if solvable with another answer. */
    private Optional<Problem> misread(Problem problem, int[] span, String misread) {
        if (misread.startsWith("-") || (misread.startsWith("0") && misread.length() > 1)) {
            return Optional.empty();
        }
        String text = problem.prompt().substring(0, span[0]) + misread + problem.prompt().substring(span[1]);
        return recognise(text).filter(p -> !p.answer().equals(problem.answer()) && !p.answer().startsWith("-"));
    }

    /** Operations from the worked steps; two-operation problems with results of 100 or more count as larger. */
    private static int difficulty(String solution) {
        int operations = 0;
        long largest = 0;
        Matcher step = STEP.matcher(solution);
        while (step.find()) {
            operations++;
            largest = Math.max(largest, Math.abs(Long.parseLong(step.group(1))));
        }
        return switch (operations) {
            case 0, 1 -> 1;
            case 2 -> largest >= 100 ? 3 : 2;
            case 3 -> 4;
            default -> 5;
        };
    }
}
