package dev.distill.events;

/** The expected answer and the verifier that checks it. Never sent to a teacher. */
public record Reference(String answer, String verifier) {
    public Reference {
        Require.present(answer, "reference.answer");
        Require.present(verifier, "reference.verifier");
    }
}
