package dev.distill.evaluator.service;

import dev.distill.skills.FinalAnswer;
import dev.distill.skills.Verifiers;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A custom suite prompt's reference and the verifier that checks it, with the meaning the curator's verification
 * filter gives them (without its numeric tolerance: a suite is scored exactly):
 * <ul>
 * <li>{@code final-answer}: the final answer ({@code #### <answer>}) equals the reference, as text or as a number;</li>
 * <li>{@code exact}: the final answer, or the whole completion when it has no {@code ####} line, equals the reference
 * once both are trimmed and their whitespace collapsed;</li>
 * <li>{@code regex}: the reference is a regular expression found in the final answer, or in the whole completion when
 * it has none.</li>
 * </ul>
 */
public record ReferenceCheck(String reference, String verifier, Pattern pattern) implements AnswerCheck {

    public static final String FINAL_ANSWER = "final-answer";
    public static final String EXACT = "exact";
    public static final String REGEX = "regex";
    public static final List<String> VERIFIERS = List.of(FINAL_ANSWER, EXACT, REGEX);

    /** Throws IllegalArgumentException for an unknown verifier or a regex that does not compile. */
    public static ReferenceCheck of(String reference, String verifier) {
        if (!VERIFIERS.contains(verifier)) {
            throw new IllegalArgumentException("verifier must be one of " + String.join(", ", VERIFIERS));
        }
        return new ReferenceCheck(reference, verifier, REGEX.equals(verifier) ? Pattern.compile(reference) : null);
    }

    @Override
    public boolean accepts(String completion) {
        return switch (verifier) {
            case FINAL_ANSWER -> Verifiers.finalAnswerMatches(reference, completion);
            case EXACT -> answer(completion).map(a -> collapse(a).equals(collapse(reference))).orElse(false);
            default -> answer(completion).map(a -> pattern.matcher(a).find()).orElse(false);
        };
    }

    /** The final answer; for exact and regex the whole completion when it has no {@code ####} line. */
    @Override
    public Optional<String> answer(String completion) {
        Optional<String> finalAnswer = FinalAnswer.extract(completion);
        if (finalAnswer.isPresent() || FINAL_ANSWER.equals(verifier) || completion == null || completion.isBlank()) {
            return finalAnswer;
        }
        return Optional.of(completion.strip());
    }

    private static String collapse(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
