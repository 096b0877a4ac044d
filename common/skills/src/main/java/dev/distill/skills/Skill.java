package dev.distill.skills;

/**
 * A verifiable task: it generates a problem from a seed, solves it with worked steps ending in
 * {@code #### <answer>}, and verifies a candidate completion against the problem's answer.
 */
public interface Skill {

    /** Stable name used in events and configuration, e.g. {@code addition}. */
    String name();

    /** Difficulty levels this skill accepts, from 1 (easiest) to {@code maxDifficulty()}. */
    int maxDifficulty();

    /** Deterministic: the same seed and difficulty always give the same problem. */
    Problem generate(long seed, int difficulty);

    /** The worked solution, whose last line is {@code #### <answer>}. */
    String solve(Problem problem);

    /** The verifier the curator and evaluator apply to a completion for this skill. */
    default boolean verify(Problem problem, String completion) {
        return Verifiers.finalAnswerMatches(problem.answer(), completion);
    }

    default void checkDifficulty(int difficulty) {
        if (difficulty < 1 || difficulty > maxDifficulty()) {
            throw new IllegalArgumentException("skill '" + name() + "' has difficulties 1.." + maxDifficulty()
                    + ", not " + difficulty);
        }
    }
}
