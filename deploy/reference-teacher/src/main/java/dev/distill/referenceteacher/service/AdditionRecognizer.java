package dev.distill.referenceteacher.service;

import dev.distill.skills.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises {@code What is <a> + <b>?} and slips by misreading one digit of one operand by one. */
@ApplicationScoped
public class AdditionRecognizer implements SkillRecognizer {

    /** Operands beyond this length are not a practice problem; refusing them keeps a request cheap. */
    private static final int MAX_DIGITS = 200;
    private static final Pattern PROMPT = Pattern.compile("What is (\\d{1," + MAX_DIGITS + "}) \\+ (\\d{1," + MAX_DIGITS + "})\\?");

    @Override
    public String skill() {
        return "addition";
    }

    @Override
    public Optional<Problem> recognise(String prompt) {
        Matcher m = PROMPT.matcher(prompt.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(problem(m.group(1), m.group(2)));
    }

    @Override
    public Problem slip(Problem problem, long bits) {
        Matcher m = PROMPT.matcher(problem.prompt());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an addition prompt: " + problem.prompt());
        }
        String[] operands = {m.group(1), m.group(2)};
        int which = (int) Math.floorMod(bits, 2L);
        operands[which] = DigitSlips.misread(operands[which], bits);
        return problem(operands[0], operands[1]);
    }

    private Problem problem(String a, String b) {
        String answer = new BigInteger(a).add(new BigInteger(b)).toString();
        int difficulty = Math.max(1, Math.min(5, Math.max(a.length(), b.length()) - 1));
        return new Problem(skill(), 0L, difficulty, "What is " + a + " + " + b + "?", answer);
    }
}
