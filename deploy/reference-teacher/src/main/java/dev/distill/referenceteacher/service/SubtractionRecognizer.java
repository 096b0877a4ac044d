package dev.distill.referenceteacher.service;

import dev.distill.skills.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises {@code What is <a> - <b>?} and slips by misreading one digit of one operand by one. */
@ApplicationScoped
public class SubtractionRecognizer implements SkillRecognizer {

    /** The solver reads the operands as longs: up to 18 digits always fit (and keep a request cheap). */
    private static final int MAX_DIGITS = 18;
    private static final String NUMBER = "(0|[1-9]\\d{0," + (MAX_DIGITS - 1) + "})";
    private static final Pattern PROMPT = Pattern.compile("What is " + NUMBER + " - " + NUMBER + "\\?");

    @Override
    public String skill() {
        return "subtraction";
    }

    @Override
    public Optional<Problem> recognise(String prompt) {
        Matcher m = PROMPT.matcher(prompt.strip());
        return m.matches() ? Optional.of(problem(m.group(1), m.group(2))) : Optional.empty();
    }

    @Override
    public Problem slip(Problem problem, long bits) {
        Matcher m = PROMPT.matcher(problem.prompt());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a subtraction prompt: " + problem.prompt());
        }
        String[] operands = {m.group(1), m.group(2)};
        int which = (int) Math.floorMod(bits, 2L);
        operands[which] = DigitSlips.misread(operands[which], bits);
        return problem(operands[0], operands[1]);
    }

    private Problem problem(String a, String b) {
        long x = Long.parseLong(a);
        long y = Long.parseLong(b);
        // d gives operands of up to d+1 digits; a negative result only from d=3 on
        int difficulty = Math.max(1, Math.min(5, Math.max(a.length(), b.length()) - 1));
        if (x < y) {
            difficulty = Math.max(3, difficulty);
        }
        return new Problem(skill(), 0L, difficulty, "What is " + a + " - " + b + "?", Long.toString(x - y));
    }
}
