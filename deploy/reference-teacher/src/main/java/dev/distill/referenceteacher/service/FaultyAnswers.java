package dev.distill.referenceteacher.service;

import dev.distill.skills.FinalAnswer;

/** The answers an {@link AnswerFault} makes of a real one. */
public final class FaultyAnswers {

    public static final String REFUSAL = "I'm sorry, but I can't help with that.";
    /** Contact details a curator's PII filter must catch: an email address and a phone number. */
    public static final String CONTACT_LINE = "Questions? Write to jane.doe@example.com or call +1 415 555 0132.";

    private FaultyAnswers() {
    }

    /** A confident refusal with no final answer. */
    public static Answer refusal(Answer answer) {
        return new Answer(REFUSAL, Answer.Outcome.REFUSED, answer.skill(), null);
    }

    /**
     * The answer with {@link #CONTACT_LINE} before its final answer line (at the end when it has none); the correct
     * text of a wrong answer gets it too, so the logprob model still lines the two up.
     */
    public static Answer withContactLine(Answer answer) {
        return new Answer(insertContactLine(answer.text()), answer.outcome(), answer.skill(),
                answer.correctText() == null ? null : insertContactLine(answer.correctText()));
    }

    /** How many tokens a truncated answer keeps: about half, at least one. */
    public static int truncatedLength(int tokens) {
        return Math.max(1, tokens / 2);
    }

    static String insertContactLine(String text) {
        int marker = text.lastIndexOf(FinalAnswer.MARKER);
        if (marker < 0) {
            return text + "\n" + CONTACT_LINE;
        }
        int lineStart = text.lastIndexOf('\n', marker) + 1;
        return text.substring(0, lineStart) + CONTACT_LINE + "\n" + text.substring(lineStart);
    }
}
