package dev.distill.curator.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A planted near-duplicate corpus: base texts of 25-60 words on varied topics plus templated math word problems that
 * differ only in names and numbers (distinct samples, NOT near-duplicates of each other), and for every base text a
 * paraphrase that differs by 1-3 word edits (substitution, insertion, deletion or swap of adjacent words), which IS a
 * near-duplicate of its base. Built deterministically (fixed {@link Random} seeds).
 */
final class PlantedCorpus {

    record Text(int group, String text, boolean paraphrase) {
    }

    static final List<String> VARIED = List.of(
            "To make a simple tomato sauce, warm olive oil in a wide pan, add sliced garlic and cook it gently until golden."
                    + " Pour in crushed tomatoes, season with salt, and let the sauce simmer for twenty minutes before adding fresh basil.",
            "Jupiter is the largest planet in the solar system, a gas giant with a mass more than twice that of all the other"
                    + " planets combined. Its Great Red Spot is a storm larger than Earth that has raged for centuries.",
            "The printing press, developed by Johannes Gutenberg around 1440, made books far cheaper to produce. Within a few"
                    + " decades printers across Europe were turning out pamphlets, bibles and scientific works, spreading ideas faster than ever before.",
            "A hash map stores key value pairs in an array of buckets. The key's hash code selects a bucket, and collisions are"
                    + " resolved by chaining or open addressing. Lookups take constant time on average when the load factor stays low.",
            "Mitochondria are often called the powerhouse of the cell because they produce most of its chemical energy. They"
                    + " carry their own small circular genome, which suggests that they descend from bacteria engulfed by an ancient host cell.",
            "In football, the offside rule stops attackers from waiting near the opposing goal. A player is offside if any part"
                    + " of the head, body or feet is closer to the goal line than both the ball and the second last defender.",
            "Compound interest means that interest is earned on previously earned interest as well as on the original deposit."
                    + " Over long periods this effect becomes dramatic, which is why starting to save early matters more than the amount saved.",
            "The Nile flows northward through eleven countries before emptying into the Mediterranean Sea. For thousands of years its"
                    + " annual floods deposited fertile silt along the banks, allowing Egyptian farmers to grow wheat and barley in the desert.",
            "A fugue is a contrapuntal composition in which a short melody, the subject, is introduced by one voice and then"
                    + " imitated by others at different pitches. Bach wrote dozens of them, including the famous collection The Art of Fugue.",
            "Antibiotics kill bacteria or stop them from multiplying, but they have no effect on viruses. Taking them when they"
                    + " are not needed encourages resistant strains to spread, so doctors prescribe them only for confirmed bacterial infections.",
            "Glaciers around the world are retreating as average temperatures rise. Meltwater raises sea levels, and communities that"
                    + " rely on glacial rivers for drinking water and irrigation during the dry season face growing shortages.",
            "A contract is generally enforceable when there is an offer, an acceptance, consideration exchanged between the parties,"
                    + " and an intention to create legal relations. Agreements made under duress or by minors may be void or voidable.",
            "When sodium reacts with chlorine, each sodium atom gives up one electron to a chlorine atom. The resulting ions attract"
                    + " each other strongly and arrange themselves into the cubic crystal lattice we know as table salt.",
            "Newton's second law states that the force acting on an object equals its mass multiplied by its acceleration. Doubling"
                    + " the force on a cart therefore doubles its acceleration, while doubling the mass of the cart halves it.",
            "The old lighthouse keeper climbed the spiral stairs every evening at dusk, trimmed the wick, and watched the beam sweep"
                    + " across the dark water, counting the fishing boats as they came home through the fog.",
            "Kyoto was the imperial capital of Japan for more than a thousand years. Visitors today can walk through hundreds of"
                    + " temples, quiet Zen gardens and the narrow wooden streets of the Gion district, where geiko still perform.",
            "Tomatoes need at least six hours of direct sunlight a day and deep, infrequent watering. Pinching off the suckers that"
                    + " grow between the stem and branches helps the plant put its energy into fruit rather than leaves.",
            "A database index is a separate data structure, usually a balanced tree, that lets the engine find rows without scanning"
                    + " the whole table. Indexes speed up reads but slow down writes, because every insert must update them too.",
            "TCP guarantees that bytes arrive in order and without loss by numbering every segment and retransmitting those that are"
                    + " not acknowledged in time. UDP skips all of this, which makes it faster but leaves reliability to the application.",
            "Gradient descent trains a model by repeatedly nudging its parameters in the direction that reduces the loss. The learning"
                    + " rate controls the size of each step: too small and training crawls, too large and it diverges.",
            "When the price of a good rises, consumers usually buy less of it and producers want to supply more. The market price"
                    + " settles where the quantity demanded equals the quantity supplied, a point economists call equilibrium.",
            "Gothic cathedrals used pointed arches, ribbed vaults and flying buttresses to carry the weight of the roof outward."
                    + " This let builders raise walls of unprecedented height and fill them with enormous windows of stained glass.",
            "In Pride and Prejudice, Elizabeth Bennet first dismisses Mr Darcy as proud and disagreeable. Only after reading his letter"
                    + " does she realise how her own prejudice and the lies of Wickham have distorted her judgement.",
            "Impressionist painters such as Monet and Renoir worked outdoors to capture changing light and weather. Critics mocked their"
                    + " loose brushwork and unfinished look, but the movement transformed how artists thought about colour and perception.",
            "Confirmation bias is the tendency to search for, interpret and remember information in a way that supports what we already"
                    + " believe. It explains why two people can look at the same evidence and walk away more convinced of opposite views.",
            "Many languages mark grammatical gender on nouns, but the categories rarely match real biological sex. In German the word for"
                    + " girl is neuter, while in French the word for person is feminine even when it refers to a man.",
            "Honeybees communicate the location of flowers through a waggle dance. The angle of the dance relative to vertical shows the"
                    + " direction of the food compared with the sun, and its duration tells the other workers how far to fly.",
            "Marathon runners often hit the wall around the thirtieth kilometre, when their muscles run out of stored glycogen. Eating"
                    + " carbohydrates during the race and pacing evenly from the start are the best ways to avoid the sudden collapse.",
            "Version control systems such as Git record every change to a project as a commit. Developers can create branches to work"
                    + " on features in isolation and later merge them back, resolving any conflicting edits along the way.",
            "The Roman aqueducts carried water over great distances using nothing but gravity. Engineers surveyed routes with a gentle,"
                    + " constant slope, and some of the channels still supply fountains in the city of Rome today.",
            "تعد القهوة من أكثر المشروبات انتشارا في العالم، وقد بدأت زراعتها في اليمن قبل قرون. ينقع البن المحمص في الماء الساخن"
                    + " فيخرج منه مشروب غني بالكافيين، ويشربه الناس في الصباح وفي المجالس لتكريم الضيوف.",
            "تدور الأرض حول الشمس مرة كل عام تقريبا، وتدور حول محورها مرة كل يوم فيتعاقب الليل والنهار. ويؤدي ميل محور الأرض"
                    + " إلى اختلاف الفصول، فيكون الصيف حارا في نصف الكرة الذي يميل نحو الشمس.");

    // Templated math word problems: same wording, different names and numbers. Each instance is a distinct sample.
    private static final String APPLES = "%1$s has %3$d apples in a basket. %1$s gives %4$d apples to %2$s and then buys %5$d"
            + " more apples at the market. How many apples does %1$s have now?";
    private static final String TRAIN = "A train leaves the station carrying %1$s and travels at %3$d kilometres per hour for %4$d"
            + " hours. %1$s then rides back with %2$s at %5$d kilometres per hour. How many hours does the return trip take?";
    private static final String BICYCLE = "%1$s is saving money for a new bicycle that costs %3$d dollars. %1$s already has %4$d"
            + " dollars and earns %5$d dollars each week by walking dogs for %2$s. How many weeks will it take %1$s to afford the bicycle?";

    static final List<String> TEMPLATED = List.of(
            String.format(APPLES, "Maria", "Tom", 12, 5, 8),
            String.format(APPLES, "Ahmed", "Lina", 30, 7, 14),
            String.format(APPLES, "Chen", "Priya", 45, 19, 6),
            String.format(APPLES, "Sofia", "James", 9, 4, 11),
            String.format(TRAIN, "Olivia", "Noah", 80, 3, 60),
            String.format(TRAIN, "Kenji", "Amara", 120, 2, 90),
            String.format(TRAIN, "Fatima", "Lucas", 75, 4, 50),
            String.format(BICYCLE, "Ethan", "Mrs Patel", 240, 60, 15),
            String.format(BICYCLE, "Yara", "Mr Okafor", 180, 35, 25),
            String.format(BICYCLE, "Mateo", "Grandma Rosa", 300, 120, 20));

    private static final List<String> FILLERS = List.of(
            "really", "also", "quite", "often", "then", "just", "very", "usually", "still", "indeed", "certainly", "simply");

    /** Draw 0 of {@link #texts(int)}. */
    static List<Text> texts() {
        return texts(0);
    }

    /**
     * All base texts, then one paraphrase of each; {@code group} identifies the base. Different draws edit different
     * words (base {@code g} gets {@code 1 + (g + draw) % 3} edits).
     */
    static List<Text> texts(int draw) {
        List<String> bases = new ArrayList<>(VARIED);
        bases.addAll(TEMPLATED);
        List<Text> texts = new ArrayList<>();
        for (int g = 0; g < bases.size(); g++) {
            texts.add(new Text(g, bases.get(g), false));
        }
        for (int g = 0; g < bases.size(); g++) {
            texts.add(new Text(g, paraphrase(bases.get(g), 1 + (g + draw) % 3, new Random(1_000_003L * draw + g)), true));
        }
        return texts;
    }

    /** {@code edits} random word edits of {@code text} (words = whitespace-separated). */
    static String paraphrase(String text, int edits, Random random) {
        List<String> words = new ArrayList<>(List.of(text.split(" ")));
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(words.size());
            switch (random.nextInt(4)) {
                case 0 -> { // substitute
                    String replacement;
                    do {
                        replacement = FILLERS.get(random.nextInt(FILLERS.size()));
                    } while (replacement.equalsIgnoreCase(words.get(at)));
                    words.set(at, replacement);
                }
                case 1 -> words.add(at, FILLERS.get(random.nextInt(FILLERS.size()))); // insert
                case 2 -> words.remove(at); // delete
                default -> { // swap with the next word
                    int next = at + 1 < words.size() ? at + 1 : at - 1;
                    String w = words.get(at);
                    words.set(at, words.get(next));
                    words.set(next, w);
                }
            }
        }
        return String.join(" ", words);
    }

    private PlantedCorpus() {
    }
}
