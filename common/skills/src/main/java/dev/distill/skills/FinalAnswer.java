package dev.distill.skills;

import java.util.Optional;

/** Extracts the final answer: the text after the last {@code ####} marker, up to the end of its line. */
public final class FinalAnswer {

    public static final String MARKER = "####";

    private FinalAnswer() {
    }

    public static Optional<String> extract(String completion) {
        if (completion == null) {
            return Optional.empty();
        }
        int at = completion.lastIndexOf(MARKER);
        if (at < 0) {
            return Optional.empty();
        }
        String rest = completion.substring(at + MARKER.length());
        int newline = rest.indexOf('\n');
        String answer = (newline < 0 ? rest : rest.substring(0, newline)).strip();
        return answer.isEmpty() ? Optional.empty() : Optional.of(answer);
    }

    /** The line a solver ends with. */
    public static String line(String answer) {
        return MARKER + " " + answer;
    }
}
