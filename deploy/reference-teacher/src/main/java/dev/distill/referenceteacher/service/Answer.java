package dev.distill.referenceteacher.service;

/**
 * What the teacher says to a prompt. {@code correctText} is the right worked answer when {@code outcome} is WRONG
 * (the logprob model uses it to show low confidence where the answer went astray), otherwise null. REFUSED is only
 * ever an injected fault.
 */
public record Answer(String text, Outcome outcome, String skill, String correctText) {

    public enum Outcome {
        CORRECT, WRONG, UNRECOGNISED, REFUSED;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
