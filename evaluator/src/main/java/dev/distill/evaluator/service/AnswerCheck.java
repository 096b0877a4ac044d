package dev.distill.evaluator.service;

import java.util.Optional;

/** How one suite prompt's completion is judged, and what its answer is (to compare the student's with the teacher's). */
public interface AnswerCheck {

    /** Whether the completion answers the prompt correctly. */
    boolean accepts(String completion);

    /** The answer the completion gives, as this check reads it; empty when it gives none. */
    Optional<String> answer(String completion);

    /** Whether two completions give the same answer (neither giving one is no agreement). */
    default boolean agree(String completion, String other) {
        Optional<String> a = answer(completion);
        Optional<String> b = answer(other);
        return a.isPresent() && b.isPresent() && SameAnswer.test(a.get(), b.get());
    }
}
