package dev.distill.referenceteacher.service;

import dev.distill.skills.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises {@code Sort in ascending order: 5 2 9 1} and slips by misreading one digit of one number by one. */
@ApplicationScoped
public class SortingRecognizer implements SkillRecognizer {

    /** Bounds that keep a request cheap (the worked solution grows with the square of the count). */
    private static final int MAX_NUMBERS = 30;
    private static final int MAX_DIGITS = 12;
    private static final String NUMBER = "(?:0|-?[1-9]\\d{0," + (MAX_DIGITS - 1) + "})";
    private static final Pattern PROMPT = Pattern.compile(
            "Sort in ascending order: (" + NUMBER + "(?: " + NUMBER + "){0," + (MAX_NUMBERS - 1) + "})");
    /** Per difficulty: list length and value range, as the skill generates them. */
    private static final int[] LENGTH = {4, 5, 6, 8};
    private static final long[] LOW = {0, 0, -99, -999};
    private static final long[] HIGH = {9, 99, 99, 999};

    @Override
    public String skill() {
        return "sorting";
    }

    @Override
    public Optional<Problem> recognise(String prompt) {
        Matcher m = PROMPT.matcher(prompt.strip());
        return m.matches() ? Optional.of(problem(List.of(m.group(1).split(" ")))) : Optional.empty();
    }

    @Override
    public Problem slip(Problem problem, long bits) {
        Matcher m = PROMPT.matcher(problem.prompt());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a sorting prompt: " + problem.prompt());
        }
        List<String> numbers = new ArrayList<>(List.of(m.group(1).split(" ")));
        int which = (int) Math.floorMod(bits, (long) numbers.size());
        numbers.set(which, DigitSlips.misread(numbers.get(which), bits));
        // a different multiset of numbers always sorts to a different list
        return problem(numbers);
    }

    private Problem problem(List<String> tokens) {
        List<Long> sorted = new ArrayList<>();
        for (String token : tokens) {
            sorted.add(Long.parseLong(token));
        }
        sorted.sort(null);
        int difficulty = 5;
        for (int d = LENGTH.length; d >= 1; d--) {
            boolean fits = sorted.size() <= LENGTH[d - 1] && sorted.get(0) >= LOW[d - 1]
                    && sorted.get(sorted.size() - 1) <= HIGH[d - 1];
            if (fits) {
                difficulty = d;
            }
        }
        String prompt = "Sort in ascending order: " + String.join(" ", tokens);
        return new Problem(skill(), 0L, difficulty, prompt, join(sorted));
    }

    private static String join(List<Long> numbers) {
        StringBuilder text = new StringBuilder();
        for (long value : numbers) {
            text.append(text.length() == 0 ? "" : " ").append(value);
        }
        return text.toString();
    }
}
