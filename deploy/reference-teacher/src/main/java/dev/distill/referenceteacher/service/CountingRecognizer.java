package dev.distill.referenceteacher.service;

import dev.distill.skills.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises {@code How many times does the letter 'a' / the word "x" / the digit 7 appear in ...?} and slips by
 * misreading one position of the text: an occurrence read as something else, or something else read as one.
 */
@ApplicationScoped
public class CountingRecognizer implements SkillRecognizer {

    /** Longest word or number, and most words in a sentence, read: a request stays cheap. */
    private static final int MAX_CHARS = 60;
    private static final int MAX_WORDS = 60;
    private static final String WORD = "[a-z]{1," + MAX_CHARS + "}";
    private static final Pattern LETTER = Pattern.compile(
            "How many times does the letter '([a-z])' appear in \"(" + WORD + ")\"\\?");
    private static final Pattern DIGIT = Pattern.compile(
            "How many times does the digit ([0-9]) appear in (0|[1-9][0-9]{0," + (MAX_CHARS - 1) + "})\\?");
    private static final Pattern SENTENCE = Pattern.compile("How many times does the word \"(" + WORD
            + ")\" appear in \"(" + WORD + "(?: " + WORD + "){0," + (MAX_WORDS - 1) + "})\"\\?");
    /** Words a careless reader might see instead of the one asked about. */
    private static final String[] LOOKALIKES = {"the", "a", "and", "cat", "dog", "bird", "saw", "met", "big", "red"};

    private enum Kind { LETTER, DIGIT, WORD }

    /** What is counted, in which units of the text. */
    private record Reading(Kind kind, String target, List<String> units) {
    }

    @Override
    public String skill() {
        return "counting";
    }

    @Override
    public Optional<Problem> recognise(String prompt) {
        return read(prompt.strip()).map(this::problem);
    }

    @Override
    public Problem slip(Problem problem, long bits) {
        Reading reading = read(problem.prompt())
                .orElseThrow(() -> new IllegalArgumentException("not a counting prompt: " + problem.prompt()));
        List<Integer> hits = new ArrayList<>();
        List<Integer> misses = new ArrayList<>();
        for (int i = 0; i < reading.units().size(); i++) {
            if (reading.units().get(i).equals(reading.target())) {
                hits.add(i);
            } else if (i > 0 || reading.kind() != Kind.DIGIT || !reading.target().equals("0")
                    || reading.units().size() == 1) {
                misses.add(i); // a leading 0 would not be a number of the skill's prompts
            }
        }
        boolean miss = !hits.isEmpty() && (misses.isEmpty() || (bits & 1L) == 0);
        List<Integer> candidates = miss ? hits : misses;
        int position = candidates.get((int) Math.floorMod(bits >>> 8, (long) candidates.size()));
        List<String> units = new ArrayList<>(reading.units());
        units.set(position, miss ? other(reading, position, bits >>> 16) : reading.target());
        // exactly one unit changed to or from the target: the count is one more or one less
        return problem(new Reading(reading.kind(), reading.target(), units));
    }

    private static Optional<Reading> read(String prompt) {
        Matcher m = LETTER.matcher(prompt);
        if (m.matches()) {
            return Optional.of(new Reading(Kind.LETTER, m.group(1), List.of(m.group(2).split(""))));
        }
        m = DIGIT.matcher(prompt);
        if (m.matches()) {
            return Optional.of(new Reading(Kind.DIGIT, m.group(1), List.of(m.group(2).split(""))));
        }
        m = SENTENCE.matcher(prompt);
        if (m.matches()) {
            return Optional.of(new Reading(Kind.WORD, m.group(1), List.of(m.group(2).split(" "))));
        }
        return Optional.empty();
    }

    /** A unit other than the target, for the given position (no leading zero in a number). */
    private static String other(Reading reading, int position, long bits) {
        if (reading.kind() == Kind.WORD) {
            int start = (int) Math.floorMod(bits, (long) LOOKALIKES.length);
            String word = LOOKALIKES[start];
            return word.equals(reading.target()) ? LOOKALIKES[(start + 1) % LOOKALIKES.length] : word;
        }
        char first = reading.kind() == Kind.LETTER ? 'a' : '0';
        int size = reading.kind() == Kind.LETTER ? 26 : 10;
        int offset = (int) Math.floorMod(bits, (long) size);
        for (int i = 0; ; i++) {
            char c = (char) (first + (offset + i) % size);
            boolean leadingZero = c == '0' && position == 0 && reading.units().size() > 1;
            if (c != reading.target().charAt(0) && !leadingZero) {
                return String.valueOf(c);
            }
        }
    }

    private Problem problem(Reading reading) {
        long count = reading.units().stream().filter(reading.target()::equals).count();
        int size = reading.units().size();
        String prompt = switch (reading.kind()) {
            case LETTER -> "How many times does the letter '" + reading.target() + "' appear in \""
                    + String.join("", reading.units()) + "\"?";
            case DIGIT -> "How many times does the digit " + reading.target() + " appear in "
                    + String.join("", reading.units()) + "?";
            case WORD -> "How many times does the word \"" + reading.target() + "\" appear in \""
                    + String.join(" ", reading.units()) + "\"?";
        };
        int difficulty = switch (reading.kind()) {
            case LETTER -> size <= 6 ? 1 : 2;
            case DIGIT -> size <= 12 ? 3 : size <= 17 ? 4 : 5;
            case WORD -> size <= 16 ? 3 : size <= 23 ? 4 : 5;
        };
        return new Problem(skill(), 0L, difficulty, prompt, Long.toString(count));
    }
}
