package dev.distill.referenceteacher.service;

import dev.distill.skills.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises {@code What is <a> * <b>?} and slips by misreading one digit of one operand by one (of the zero
 * operand when there is one, since only that changes the product).
 */
@ApplicationScoped
public class MultiplicationRecognizer implements SkillRecognizer {

    /** The solver works in longs: two operands of up to 9 digits keep every partial product and the sum in range. */
    private static final int MAX_DIGITS = 9;
    private static final String NUMBER = "(0|[1-9]\\d{0," + (MAX_DIGITS - 1) + "})";
    private static final Pattern PROMPT = Pattern.compile("What is " + NUMBER + " \\* " + NUMBER + "\\?");
    /** The skill's digit counts of a and b per difficulty (see {@code Multiplication}). */
    private static final int[] MIN_A = {1, 2, 3, 3, 4};
    private static final int[] MAX_A = {2, 3, 3, 4, 5};
    private static final int[] MIN_B = {1, 2, 2, 3, 3};
    private static final int[] MAX_B = {1, 2, 3, 3, 4};

    @Override
    public String skill() {
        return "multiplication";
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
            throw new IllegalArgumentException("not a multiplication prompt: " + problem.prompt());
        }
        String[] operands = {m.group(1), m.group(2)};
        int which = (int) Math.floorMod(bits, 2L);
        if (operands[1 - which].equals("0")) {
            which = 1 - which;
        }
        operands[which] = DigitSlips.misread(operands[which], bits);
        if (operands[1 - which].equals("0")) {
            // 0 * 0: one misread zero still gives zero
            operands[1 - which] = DigitSlips.misread(operands[1 - which], bits >>> 24);
        }
        return problem(operands[0], operands[1]);
    }

    private Problem problem(String a, String b) {
        String answer = Long.toString(Long.parseLong(a) * Long.parseLong(b));
        return new Problem(skill(), 0L, difficulty(a.length(), b.length()), "What is " + a + " * " + b + "?", answer);
    }

    /** The first difficulty whose digit counts fit, else one from the total length. */
    private static int difficulty(int aDigits, int bDigits) {
        for (int d = 0; d < MIN_A.length; d++) {
            if (aDigits >= MIN_A[d] && aDigits <= MAX_A[d] && bDigits >= MIN_B[d] && bDigits <= MAX_B[d]) {
                return d + 1;
            }
        }
        return Math.max(1, Math.min(5, (aDigits + bDigits) / 2));
    }
}
