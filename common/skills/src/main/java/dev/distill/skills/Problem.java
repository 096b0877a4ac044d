package dev.distill.skills;

/** One generated problem: the question put to the teacher and the reference answer kept from it. */
public record Problem(String skill, long seed, int difficulty, String prompt, String answer) {
}
