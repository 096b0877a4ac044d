package dev.distill.referenceteacher.service;

import dev.distill.skills.Problem;
import java.util.Optional;

/**
 * Reads a built-in skill's prompt back into a {@link Problem} (the teacher is not told which skill it is asked),
 * and knows the realistic mistake a weaker teacher makes on it. One implementation per skill, as a CDI bean.
 */
public interface SkillRecognizer {

    /** The {@code SkillSuite} name of the skill this recognises. */
    String skill();

    /** The problem behind the prompt text, if the text is this skill's prompt. */
    Optional<Problem> recognise(String prompt);

    /**
     * The problem as a careless solver misreads it (e.g. one digit copied wrongly): solving it with the skill's solver
     * gives consistent worked steps that end in a wrong answer. {@code bits} chooses the slip deterministically; the
     * result's answer must differ from {@code problem.answer()}.
     */
    Problem slip(Problem problem, long bits);
}
