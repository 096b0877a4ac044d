package dev.distill.referenceteacher.service;

import dev.distill.skills.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises {@code What is <a> mod <m>?}, {@code What is (<a> + <b>) mod <m>?} and {@code What is (<a> * <b>) mod
 * <m>?} (m at least 2), and slips by misreading one digit of an operand by one (the ones digit where another digit
 * would leave the remainder as it was).
 */
@ApplicationScoped
public class ModularArithmeticRecognizer implements SkillRecognizer {

    /** The solver reads longs: 18-digit operands fit, and a 9-digit modulus keeps a product of remainders in range. */
    private static final String OPERAND = "(0|[1-9]\\d{0,17})";
    private static final String MODULUS = "([1-9]\\d{0,8})";
    private static final Pattern PLAIN = Pattern.compile("What is " + OPERAND + " mod " + MODULUS + "\\?");
    private static final Pattern COMBINED =
            Pattern.compile("What is \\(" + OPERAND + " ([+*]) " + OPERAND + "\\) mod " + MODULUS + "\\?");

    /** {@code a mod m} when {@code op} is null, else {@code (a op b) mod m}. */
    private record Expression(String a, String op, String b, String m) {

        Expression withA(String other) {
            return new Expression(other, op, b, m);
        }

        Expression withB(String other) {
            return new Expression(a, op, other, m);
        }
    }

    @Override
    public String skill() {
        return "modular-arithmetic";
    }

    @Override
    public Optional<Problem> recognise(String prompt) {
        return parse(prompt.strip()).map(this::problem);
    }

    @Override
    public Problem slip(Problem problem, long bits) {
        Expression e = parse(problem.prompt())
                .orElseThrow(() -> new IllegalArgumentException("not a modular-arithmetic prompt: " + problem.prompt()));
        boolean first = e.op() == null || (bits & 1L) == 0;
        boolean up = ((bits >>> 16) & 1L) == 0;
        // the ones digit moves the value by one, which always moves a remainder mod m >= 2; a product needs the other
        // factor, or both, moved when a factor is a multiple of m
        List<Expression> candidates = new ArrayList<>();
        candidates.add(first ? e.withA(DigitSlips.misread(e.a(), bits)) : e.withB(DigitSlips.misread(e.b(), bits)));
        candidates.add(first ? e.withA(ones(e.a(), up)) : e.withB(ones(e.b(), up)));
        if (e.op() != null) {
            candidates.add(first ? e.withB(ones(e.b(), up)) : e.withA(ones(e.a(), up)));
            candidates.add(e.withA(ones(e.a(), up)).withB(ones(e.b(), up)));
        }
        for (Expression candidate : candidates) {
            Problem slipped = problem(candidate);
            if (!slipped.answer().equals(problem.answer())) {
                return slipped;
            }
        }
        throw new IllegalStateException("no slip changes the answer of " + problem.prompt());
    }

    private static Optional<Expression> parse(String prompt) {
        Matcher plain = PLAIN.matcher(prompt);
        Matcher combined = COMBINED.matcher(prompt);
        Expression e;
        if (plain.matches()) {
            e = new Expression(plain.group(1), null, null, plain.group(2));
        } else if (combined.matches()) {
            e = new Expression(combined.group(1), combined.group(2), combined.group(3), combined.group(4));
        } else {
            return Optional.empty();
        }
        return e.m().equals("1") ? Optional.empty() : Optional.of(e);
    }

    private static String ones(String number, boolean up) {
        return DigitSlips.misreadAt(number, number.length() - 1, up);
    }

    private Problem problem(Expression e) {
        long m = Long.parseLong(e.m());
        long ra = Long.parseLong(e.a()) % m;
        String prompt;
        long answer;
        int difficulty;
        if (e.op() == null) {
            prompt = "What is " + e.a() + " mod " + e.m() + "?";
            answer = ra;
            difficulty = e.a().length() <= 2 && m < 10 ? 1 : 2;
        } else {
            long rb = Long.parseLong(e.b()) % m;
            boolean product = e.op().equals("*");
            prompt = "What is (" + e.a() + " " + e.op() + " " + e.b() + ") mod " + e.m() + "?";
            answer = (product ? ra * rb : ra + rb) % m;
            boolean small = Math.max(e.a().length(), e.b().length()) <= 3 && m < 100;
            difficulty = !small ? 5 : product ? 4 : 3;
        }
        return new Problem(skill(), 0L, difficulty, prompt, Long.toString(answer));
    }
}
