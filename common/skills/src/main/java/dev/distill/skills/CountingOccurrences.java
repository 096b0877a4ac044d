package dev.distill.skills;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counting occurrences: how many times a letter appears in a word, a word in a sentence, or a digit in a number.
 * <ul>
 *   <li>{@code How many times does the letter 'a' appear in "banana"?}</li>
 *   <li>{@code How many times does the word "the" appear in "the cat saw the dog"?}</li>
 *   <li>{@code How many times does the digit 7 appear in 70717?}</li>
 * </ul>
 *
 * <p>Difficulties (what is counted, and how many positions there are to walk through): 1 = a letter in a word of
 * 3 to 6 letters, 2 = a letter in a word of 7 to 12 letters, 3 = a word in a sentence of two clauses (11 to 15
 * words) or a digit in a number of 8 to 12 digits, 4 = three clauses (17 to 23 words) or 13 to 17 digits, 5 = four
 * clauses (23 to 31 words) or 18 to 24 digits; sentence or number is half and half. The thing asked about is usually present, but not always (then the
 * answer is 0). Words are whole words: "a" is not counted inside "cat".
 *
 * <p>Worked steps walk through the positions one line each, with the running count:
 * {@code 1 b: no, count 0}, {@code 2 a: yes, count 1}, ..., then {@code #### 3}.
 */
public final class CountingOccurrences implements Skill {

    private static final Pattern LETTER =
            Pattern.compile("How many times does the letter '([a-z])' appear in \"([a-z]+)\"\\?");
    private static final Pattern WORD =
            Pattern.compile("How many times does the word \"([a-z]+)\" appear in \"([a-z]+(?: [a-z]+)*)\"\\?");
    private static final Pattern DIGIT =
            Pattern.compile("How many times does the digit ([0-9]) appear in ([0-9]+)\\?");

    private static final String[] SHORT_WORDS = {
        "banana", "apple", "letter", "coffee", "cheese", "pepper", "little", "puppy", "kitten", "cherry",
        "yellow", "summer", "dinner", "rabbit", "garden", "window", "tomato", "potato", "school", "paper",
        "sheep", "green", "hello", "river", "level", "radar", "cocoa", "pizza", "book", "moon", "tree", "door",
        "noon", "seed", "ball", "bell", "doll", "egg", "eye", "add", "all", "bee", "cat", "dog", "sun", "house",
        "table", "mouse", "horse", "water", "bread", "happy", "teeth", "goose", "geese", "carrot", "bottle",
        "butter", "button", "cookie", "orange", "lemon", "melon", "grass", "glass", "dress", "class", "kettle",
        "puzzle", "bubble", "sister", "mirror", "street", "sleep", "queen", "three", "rocket", "pillow",
        "ladder", "hammer", "spoon", "food", "pool", "wheel", "cook", "look", "foot", "week", "need",
        "deer", "keep", "tall", "small", "hill", "kiss", "mess", "boss", "buzz", "fizz", "mama", "papa", "baby",
        "bob", "pop", "mom", "dad", "wow", "nun", "tot", "gag", "eve", "ewe", "area", "idea", "zebra", "tiger",
        "robot", "lion", "bear", "fish", "milk", "rain", "snow", "star", "ship", "frog", "duck", "cake"
    };
    private static final String[] LONG_WORDS = {
        "mississippi", "strawberry", "bookkeeper", "committee", "assessment", "successful", "possession",
        "engineering", "independent", "parallel", "balloon", "coconut", "cinnamon", "broccoli", "tomorrow",
        "beginning", "millennium", "necessary", "occurrence", "grandmother", "butterfly", "chocolate", "elephant",
        "excellent", "statistics", "referee", "sleepless", "remember", "pepperoni", "bubblegum", "hippopotamus",
        "accommodate", "cheerleader", "watermelon", "pineapple", "raspberry", "dictionary", "television",
        "alligator", "kangaroo", "tennessee", "afternoon", "classroom", "different", "telephone", "grasshopper",
        "sunflower", "umbrella", "dinosaur", "vegetable", "breakfast", "basketball", "football", "toothpaste",
        "penguin", "mountain", "lollipop", "peppermint", "spaghetti", "cucumber", "pumpkin", "blueberry",
        "newspaper", "homework", "whiteboard", "wonderful", "beautiful", "happiness", "goodness",
        "sleepwalker", "caterpillar", "woodpecker", "bookshelf", "snowball", "seventeen", "thirteen",
        "nineteen", "sixteen", "fourteen", "sweetness", "address", "assistant", "embarrass", "aggressive",
        "difference", "impossible", "intelligent", "interesting", "puppeteer", "keepsake"
    };
    private static final String[] DETERMINERS = {"the", "a"};
    private static final String[] NOUNS = {"cat", "dog", "bird", "boy", "girl", "fox", "man", "cow"};
    private static final String[] VERBS = {"saw", "chased", "liked", "met", "found", "helped"};
    private static final String[] ADJECTIVES = {"big", "small", "red", "happy", "little"};
    private static final String[] VOCABULARY = {
        "the", "a", "and", "cat", "dog", "bird", "boy", "girl", "fox", "man", "cow", "saw", "chased", "liked",
        "met", "found", "helped", "big", "small", "red", "happy", "little"
    };

    /** Per difficulty 3..5: clauses in a sentence, and the least and most digits of a number. */
    private static final int[] CLAUSES = {2, 3, 4};
    private static final int[] MIN_DIGITS = {8, 13, 18};
    private static final int[] MAX_DIGITS = {12, 17, 24};

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public int maxDifficulty() {
        return 5;
    }

    @Override
    public Problem generate(long seed, int difficulty) {
        checkDifficulty(difficulty);
        SplittableRandom random = new SplittableRandom(seed);
        String prompt;
        if (difficulty <= 2) {
            prompt = letterPrompt(random, difficulty == 1 ? SHORT_WORDS : LONG_WORDS);
        } else if (random.nextBoolean()) {
            prompt = wordPrompt(random, CLAUSES[difficulty - 3]);
        } else {
            prompt = digitPrompt(random, MIN_DIGITS[difficulty - 3], MAX_DIGITS[difficulty - 3]);
        }
        Parsed parsed = parse(prompt);
        return new Problem(name(), seed, difficulty, prompt, Integer.toString(parsed.count()));
    }

    @Override
    public String solve(Problem problem) {
        Parsed parsed = parse(problem.prompt());
        StringBuilder steps = new StringBuilder();
        int count = 0;
        for (int i = 0; i < parsed.units().size(); i++) {
            String unit = parsed.units().get(i);
            boolean match = unit.equals(parsed.target());
            count += match ? 1 : 0;
            steps.append(i + 1).append(' ').append(unit).append(match ? ": yes, count " : ": no, count ")
                    .append(count).append('\n');
        }
        return steps.append(FinalAnswer.line(Integer.toString(count))).toString();
    }

    /** The thing counted and the units (letters, words or digits) of the text it is counted in. */
    private record Parsed(String target, List<String> units) {
        int count() {
            return (int) units.stream().filter(target::equals).count();
        }
    }

    private static Parsed parse(String prompt) {
        Matcher letter = LETTER.matcher(prompt);
        if (letter.matches()) {
            return new Parsed(letter.group(1), characters(letter.group(2)));
        }
        Matcher digit = DIGIT.matcher(prompt);
        if (digit.matches()) {
            return new Parsed(digit.group(1), characters(digit.group(2)));
        }
        Matcher word = WORD.matcher(prompt);
        if (word.matches()) {
            return new Parsed(word.group(1), List.of(word.group(2).split(" ")));
        }
        throw new IllegalArgumentException("not a counting prompt: " + prompt);
    }

    private static List<String> characters(String text) {
        List<String> units = new ArrayList<>();
        for (char c : text.toCharArray()) {
            units.add(String.valueOf(c));
        }
        return units;
    }

    private static String letterPrompt(SplittableRandom random, String[] words) {
        String word = pick(random, words);
        char letter = random.nextInt(100) < 85
                ? word.charAt(random.nextInt(word.length()))
                : (char) ('a' + random.nextInt(26));
        return "How many times does the letter '" + letter + "' appear in \"" + word + "\"?";
    }

    private static String wordPrompt(SplittableRandom random, int clauses) {
        List<String> words = new ArrayList<>();
        for (int c = 0; c < clauses; c++) {
            if (c > 0) {
                words.add("and");
            }
            nounPhrase(random, words);
            words.add(pick(random, VERBS));
            nounPhrase(random, words);
        }
        String target = random.nextInt(100) < 85
                ? words.get(random.nextInt(words.size()))
                : pick(random, VOCABULARY);
        return "How many times does the word \"" + target + "\" appear in \"" + String.join(" ", words) + "\"?";
    }

    private static void nounPhrase(SplittableRandom random, List<String> words) {
        words.add(pick(random, DETERMINERS));
        if (random.nextInt(100) < 20) {
            words.add(pick(random, ADJECTIVES));
        }
        words.add(pick(random, NOUNS));
    }

    private static String digitPrompt(SplittableRandom random, int minDigits, int maxDigits) {
        int target = random.nextInt(10);
        int length = random.nextInt(minDigits, maxDigits + 1);
        StringBuilder number = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int digit = random.nextInt(100) < 30 ? target : random.nextInt(10);
            if (i == 0 && digit == 0) {
                digit = 1 + random.nextInt(9);
            }
            number.append(digit);
        }
        return "How many times does the digit " + target + " appear in " + number + "?";
    }

    private static String pick(SplittableRandom random, String[] words) {
        return words[random.nextInt(words.length)];
    }
}
