package dev.distill.referenceteacher.service;

import dev.distill.skills.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises {@code Which is larger: <x> or <y>?} (plainly written numbers of different value) and slips by
 * misreading one digit of one number, preferring a misread of the larger that makes it the smaller, so the other
 * number is picked.
 */
@ApplicationScoped
public class ComparisonRecognizer implements SkillRecognizer {

    /** Up to 18 integer digits and 18 decimals: far past any practice problem, and cheap to read and to misread. */
    private static final String NUMBER = "-?(?:0|[1-9]\\d{0,17})(?:\\.\\d{0,17}[1-9])?";
    private static final Pattern PLAIN = Pattern.compile(NUMBER);
    private static final Pattern PROMPT = Pattern.compile("Which is larger: (" + NUMBER + ") or (" + NUMBER + ")\\?");

    @Override
    public String skill() {
        return "comparison";
    }

    @Override
    public Optional<Problem> recognise(String prompt) {
        Matcher m = PROMPT.matcher(prompt.strip());
        if (!m.matches() || !plain(m.group(1)) || !plain(m.group(2)) || sameValue(m.group(1), m.group(2))) {
            return Optional.empty();
        }
        return Optional.of(problem(m.group(1), m.group(2)));
    }

    @Override
    public Problem slip(Problem problem, long bits) {
        Matcher m = PROMPT.matcher(problem.prompt());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a comparison prompt: " + problem.prompt());
        }
        String[] numbers = {m.group(1), m.group(2)};
        String smaller = numbers[0].equals(problem.answer()) ? numbers[1] : numbers[0];
        List<Problem> flips = new ArrayList<>();
        List<Problem> others = new ArrayList<>();
        for (int which = 0; which < 2; which++) {
            String number = numbers[which];
            String other = numbers[1 - which];
            for (int at = 0; at < number.length(); at++) {
                for (char digit = '0'; digit <= '9'; digit++) {
                    if (!Character.isDigit(number.charAt(at)) || number.charAt(at) == digit) {
                        continue;
                    }
                    String misread = number.substring(0, at) + digit + number.substring(at + 1);
                    if (!plain(misread) || sameValue(misread, other)) {
                        continue;
                    }
                    Problem slipped = which == 0 ? problem(misread, other) : problem(other, misread);
                    if (!slipped.answer().equals(problem.answer())) {
                        (slipped.answer().equals(smaller) ? flips : others).add(slipped);
                    }
                }
            }
        }
        // the larger number alone always has a digit that can be misread into another plain, unequal number
        List<Problem> pool = flips.isEmpty() ? others : flips;
        return pool.get((int) Math.floorMod(bits, (long) pool.size()));
    }

    private static boolean plain(String number) {
        return PLAIN.matcher(number).matches() && !number.equals("-0");
    }

    private static boolean sameValue(String x, String y) {
        return new BigDecimal(x).compareTo(new BigDecimal(y)) == 0;
    }

    private Problem problem(String x, String y) {
        String larger = new BigDecimal(x).compareTo(new BigDecimal(y)) > 0 ? x : y;
        return new Problem(skill(), 0L, difficulty(x, y), "Which is larger: " + x + " or " + y + "?", larger);
    }

    /** From the skill's ranges: whole numbers up to 2 then 4 digits, decimals, negatives, then longer ones. */
    private static int difficulty(String x, String y) {
        boolean negative = x.startsWith("-") || y.startsWith("-");
        int whole = Math.max(wholeDigits(x), wholeDigits(y));
        int places = Math.max(places(x), places(y));
        if (!negative && places == 0) {
            return whole <= 2 ? 1 : whole <= 4 ? 2 : 5;
        }
        if (!negative && places <= 2 && whole <= 2) {
            return 3;
        }
        return places <= 3 && whole <= 3 ? 4 : 5;
    }

    private static int wholeDigits(String number) {
        String size = number.startsWith("-") ? number.substring(1) : number;
        int dot = size.indexOf('.');
        return dot < 0 ? size.length() : dot;
    }

    private static int places(String number) {
        int dot = number.indexOf('.');
        return dot < 0 ? 0 : number.length() - dot - 1;
    }
}
