package dev.distill.curator.filter;

import dev.distill.curator.config.CuratorConfig;
import dev.distill.events.ChatMessage;
import dev.distill.events.Reference;
import dev.distill.events.TeacherResponseEvent;
import dev.distill.skills.FinalAnswer;
import dev.distill.skills.Problem;
import dev.distill.skills.SkillSuite;
import dev.distill.skills.Verifiers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Rejection sampling: an answer that does not match the prompt's reference is not trained on. The reference names
 * its verifier:
 * <ul>
 * <li>{@code final-answer}: the final answer ({@code #### <answer>}) equals the reference, as text or as a number
 * (numbers within {@code distill.curator.verification.numeric-tolerance} of the reference, relative to it and at
 * least absolute). A built-in skill's own verifier is used instead when the response names one (a skill may compare
 * answers its own way).</li>
 * <li>{@code exact}: the final answer, or the whole completion when it has no {@code ####} line, equals the reference
 * once both are trimmed and their whitespace collapsed.</li>
 * <li>{@code regex}: the reference is a regular expression found in the final answer, or in the whole completion when
 * it has none.</li>
 * </ul>
 * A response without a reference (file or captured prompts) has nothing to check against and passes.
 */
@ApplicationScoped
public class VerificationFilter implements SampleFilter {

    public static final String NAME = "verification";
    public static final String FINAL_ANSWER = "final-answer";
    public static final String EXACT = "exact";
    public static final String REGEX = "regex";
    public static final List<String> VERIFIERS = List.of(FINAL_ANSWER, EXACT, REGEX);

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final int MAX_DETAIL_ANSWER_CHARS = 200;

    private final SkillSuite skills = SkillSuite.builtIn();
    private final BigDecimal numericTolerance;

    @Inject
    public VerificationFilter(CuratorConfig config) {
        this(config.verification().numericTolerance());
    }

    private VerificationFilter(double numericTolerance) {
        if (!(numericTolerance >= 0) || Double.isInfinite(numericTolerance)) {
            throw new IllegalArgumentException("distill.curator.verification.numeric-tolerance must be a finite "
                    + "number >= 0, not " + numericTolerance);
        }
        this.numericTolerance = BigDecimal.valueOf(numericTolerance);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult apply(TeacherResponseEvent response) {
        Reference reference = response.reference();
        if (reference == null) {
            return FilterResult.accept();
        }
        return switch (reference.verifier()) {
            case FINAL_ANSWER -> finalAnswer(response, reference);
            case EXACT -> exact(response.completion(), reference);
            case REGEX -> regex(response.completion(), reference);
            default -> FilterResult.reject("unknown-verifier", "verifier '" + reference.verifier()
                    + "' is not one of " + String.join(", ", VERIFIERS));
        };
    }

    private FilterResult finalAnswer(TeacherResponseEvent response, Reference reference) {
        Optional<String> answer = FinalAnswer.extract(response.completion());
        if (answer.isEmpty()) {
            return FilterResult.reject("no-final-answer", "no '" + FinalAnswer.MARKER + " <answer>' line in the completion");
        }
        boolean correct = response.skill() != null && skills.names().contains(response.skill())
                ? skills.get(response.skill()).verify(problem(response, reference), response.completion())
                : Verifiers.finalAnswerMatches(reference.answer(), response.completion())
                        || withinTolerance(reference.answer(), answer.get());
        return correct ? FilterResult.accept() : wrong(reference, answer.get());
    }

    private static FilterResult exact(String completion, Reference reference) {
        String candidate = FinalAnswer.extract(completion).orElse(completion);
        return collapse(candidate).equals(collapse(reference.answer()))
                ? FilterResult.accept()
                : wrong(reference, candidate);
    }

    private static FilterResult regex(String completion, Reference reference) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(reference.answer());
        } catch (PatternSyntaxException e) {
            return FilterResult.reject("bad-reference", "the reference is not a valid regular expression: "
                    + e.getDescription());
        }
        String candidate = FinalAnswer.extract(completion).orElse(completion);
        return pattern.matcher(candidate).find()
                ? FilterResult.accept()
                : FilterResult.reject("wrong-answer", "expected a match of " + reference.answer() + ", got "
                        + shorten(candidate));
    }

    /** |candidate - reference| <= tolerance x max(1, |reference|), when both are numbers (commas ignored). */
    private boolean withinTolerance(String reference, String candidate) {
        if (numericTolerance.signum() == 0) {
            return false; // exact numeric equality is Verifiers' comparison already
        }
        Optional<BigDecimal> expected = number(reference);
        Optional<BigDecimal> actual = number(candidate);
        if (expected.isEmpty() || actual.isEmpty()) {
            return false;
        }
        BigDecimal scale = expected.get().abs().max(BigDecimal.ONE);
        return expected.get().subtract(actual.get()).abs().compareTo(numericTolerance.multiply(scale)) <= 0;
    }

    private static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text.strip().replace(",", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String collapse(String text) {
        return WHITESPACE.matcher(text.strip()).replaceAll(" ");
    }

    private static FilterResult wrong(Reference reference, String answer) {
        return FilterResult.reject("wrong-answer", "expected " + reference.answer() + ", got " + shorten(answer));
    }

    private static String shorten(String text) {
        return text.length() <= MAX_DETAIL_ANSWER_CHARS ? text : text.substring(0, MAX_DETAIL_ANSWER_CHARS) + "...";
    }

    /** The problem as far as the event knows it: the question asked and the reference answer. */
    private static Problem problem(TeacherResponseEvent response, Reference reference) {
        String question = response.messages().stream().filter(m -> "user".equals(m.role()))
                .reduce((first, second) -> second).map(ChatMessage::content).orElse("");
        return new Problem(response.skill(), 0, 0, question, reference.answer());
    }
}
