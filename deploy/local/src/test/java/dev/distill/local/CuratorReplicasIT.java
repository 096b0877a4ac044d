package dev.distill.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.distill.events.ChatMessage;
import dev.distill.events.CuratedSampleEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.Reference;
import dev.distill.events.RejectedSampleEvent;
import dev.distill.events.TeacherRef;
import dev.distill.events.TeacherResponseEvent;
import dev.distill.events.TokenLogprob;
import dev.distill.events.Topics;
import dev.distill.events.Usage;
import dev.distill.testing.PostgresDatabases;
import dev.distill.testing.TopicProbe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two dataset-curator instances in one consumer group on a broker with 4 partitions per topic, so each curates the
 * responses of its own partitions, sharing the dedup state in PostgreSQL. A corpus of 400 responses of one teacher
 * version is sent at once: distinct arithmetic prompts, exact duplicates of some of them (case and spacing differ),
 * paraphrases of longer prompts without numbers (near duplicates) with their originals, and templated word problems
 * that differ only in names and numbers. The duplicates are keyed so that none lands on its original's partition, so
 * most duplicate groups are split between the instances, which race on them. Every response must end in exactly one
 * outcome, exactly one member of every duplicate group must be curated, every templated problem kept, and the counts
 * must be those one instance produces. Then 50 responses are delivered again: nothing new is curated, rejected or
 * published.
 */
class CuratorReplicasIT {

    private static final int PARTITIONS = 4;
    private static final String CURATOR = "dataset-curator";
    private static final String CURATOR_2 = "dataset-curator-2";
    private static final String GROUP = "dataset-curator";
    private static final String DATABASE = "distill_curator_replicas";

    /** Arithmetic prompts; the first {@link #TWO_DUPLICATES} get two exact duplicates, the next {@link #ONE_DUPLICATE} one. */
    private static final int ARITHMETIC = 150;
    private static final int TWO_DUPLICATES = 30;
    private static final int ONE_DUPLICATE = 30;
    /** Prompts without numbers, each sent with a paraphrase. */
    private static final int NEAR_PAIRS = 50;
    private static final int TEMPLATED = 60;
    private static final int REDELIVERED = 50;

    private static final int EXACT_DUPLICATES = 2 * TWO_DUPLICATES + ONE_DUPLICATE;
    private static final int CORPUS = ARITHMETIC + EXACT_DUPLICATES + 2 * NEAR_PAIRS + TEMPLATED;
    /** One per arithmetic group, one per near pair, every templated problem: what one instance curates. */
    private static final int EXPECT_CURATED = ARITHMETIC + NEAR_PAIRS + TEMPLATED;
    private static final int EXPECT_REJECTED = EXACT_DUPLICATES + NEAR_PAIRS;

    private final HttpClient http = HttpClient.newHttpClient();

    private static LocalStack stack;
    private static String bootstrap;

    @BeforeAll
    static void startTwoCurators() {
        Path repo = Path.of("").toAbsolutePath().getParent().getParent();
        StackOptions options = new StackOptions(repo, repo.resolve("deploy/local/target/curator-replicas"),
                StackPorts.free(), DATABASE, true, "v1", Map.of(), Set.of(CURATOR), PARTITIONS);
        stack = LocalStack.start(options,
                new ProgressLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false));
        stack.startExtra(CURATOR, CURATOR_2);
        bootstrap = stack.bootstrapServers();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** One response of the corpus and the duplicate group it belongs to (a group of one for a unique prompt). */
    record Item(TeacherResponseEvent response, String kind, String group) {

        String id() {
            return response.promptId();
        }
    }

    @Test
    void twoInstancesCurateEachGroupOnceAndIgnoreRedeliveries() throws Exception {
        String version = "replicas-" + UUID.randomUUID().toString().substring(0, 8);
        String dataset = "reference@" + version;
        List<Item> corpus = corpus(version);
        Map<String, Item> byId = corpus.stream().collect(Collectors.toMap(Item::id, Function.identity()));
        Map<String, List<Item>> groups = corpus.stream()
                .collect(Collectors.groupingBy(Item::group, LinkedHashMap::new, Collectors.toList()));
        assertThat(corpus).as("corpus").hasSize(CORPUS);
        assertThat(byId).as("distinct promptIds").hasSize(CORPUS);

        Map<Integer, String> owners = awaitTwoMembers();
        Map<String, Integer> partitionOf = new HashMap<>();
        corpus.forEach(item -> partitionOf.put(item.id(), partition(item.id())));
        List<List<Item>> duplicateGroups = groups.values().stream().filter(g -> g.size() > 1).toList();
        long split = duplicateGroups.stream()
                .filter(g -> g.stream().map(i -> owners.get(partitionOf.get(i.id()))).distinct().count() > 1).count();
        System.out.printf("corpus %s: %d responses in %d groups (%d with duplicates, %d of them split between the two"
                + " instances); partitions %s; owners %s%n", dataset, CORPUS, groups.size(), duplicateGroups.size(), split,
                corpus.stream().collect(Collectors.groupingBy(i -> partitionOf.get(i.id()), TreeMap::new,
                        Collectors.counting())), owners);
        assertThat(duplicateGroups).as("no duplicate shares its original's partition").allMatch(g ->
                g.stream().skip(1).noneMatch(i -> partitionOf.get(i.id()).equals(partitionOf.get(g.get(0).id()))));
        assertThat(split).as("duplicate groups split between the instances").isGreaterThanOrEqualTo(duplicateGroups.size() / 3);

        // all at once, each group's members one after the other so that the instances reach them at about the same time
        Map<String, String> records = new LinkedHashMap<>();
        corpus.forEach(item -> records.put(item.id(), EventCodec.toJson(item.response())));
        long sent = System.nanoTime();
        TopicProbe.sendAll(bootstrap, Topics.TEACHER_RESPONSES, records);

        JsonNode summary = awaitDecided(stack.url(CURATOR), dataset, CORPUS, Duration.ofMinutes(4));
        double seconds = (System.nanoTime() - sent) / 1e9;
        awaitAllPublished(dataset, Duration.ofSeconds(30));

        // exactly one outcome per response, on the topics
        Map<String, List<String>> outcomes = outcomesOnTopics(byId.keySet());
        assertThat(outcomes).as("responses with an outcome").hasSize(CORPUS);
        assertThat(outcomes.entrySet()).as("outcomes per response").allSatisfy(e ->
                assertThat(e.getValue()).as(e.getKey()).hasSize(1));
        Map<String, String> outcome = new HashMap<>();
        outcomes.forEach((id, list) -> outcome.put(id, list.get(0)));

        // one member of each group curated, the others rejected as duplicates of it
        groups.forEach((group, members) -> {
            List<String> results = members.stream().map(m -> outcome.get(m.id())).toList();
            assertThat(results.stream().filter(r -> r.equals("curated")).count()).as("curated in group " + group + " "
                    + members.stream().map(Item::id).toList() + ": " + results).isEqualTo(1);
            String reason = members.get(0).kind().equals("near") ? "rejected:near-dedup/near-duplicate"
                    : "rejected:exact-dedup/duplicate";
            assertThat(results.stream().filter(r -> !r.equals("curated"))).as("rejections in group " + group)
                    .allMatch(reason::equals);
        });
        assertThat(corpus.stream().filter(i -> i.kind().equals("templated")))
                .as("templated word problems curated").allMatch(i -> outcome.get(i.id()).equals("curated"));

        // what one instance must produce, as both instances report it
        for (String instance : List.of(CURATOR, CURATOR_2)) {
            JsonNode s = datasetSummary(stack.url(instance), dataset);
            assertThat(s.path("curated").asLong()).as(instance + " curated").isEqualTo(EXPECT_CURATED);
            assertThat(s.path("rejected").asLong()).as(instance + " rejected").isEqualTo(EXPECT_REJECTED);
            assertThat(EventCodec.mapper().convertValue(s.path("rejectedByReason"), Map.class)).as(instance + " reasons")
                    .isEqualTo(Map.of("duplicate", EXACT_DUPLICATES, "near-duplicate", NEAR_PAIRS));
        }

        Map<String, double[]> perInstance = perInstanceCounts(dataset);
        perInstance.forEach((instance, c) -> System.out.printf("%s: curated %.0f, rejected %.0f, redelivered %.0f%n",
                instance, c[0], c[1], c[2]));
        System.out.printf("%d responses decided in %.1f s (%.0f/s): %s%n", CORPUS, seconds, CORPUS / seconds,
                summary.path("rejectedByReason"));
        assertThat(perInstance.values().stream().mapToDouble(c -> c[0]).sum()).as("curated, both instances")
                .isEqualTo(EXPECT_CURATED);
        assertThat(perInstance.values().stream().mapToDouble(c -> c[1]).sum()).as("rejected, both instances")
                .isEqualTo(EXPECT_REJECTED);
        assertThat(perInstance.values()).as("both instances curated").allMatch(c -> c[0] > 0);

        // the same records again: answered from the store, nothing new decided or published
        Map<TopicPartition, Long> endsBefore = outcomeEndOffsets();
        double redeliveredBefore = perInstance.values().stream().mapToDouble(c -> c[2]).sum();
        Map<String, String> again = new LinkedHashMap<>();
        for (int i = 0; i < CORPUS && again.size() < REDELIVERED; i += CORPUS / REDELIVERED) {
            again.put(corpus.get(i).id(), records.get(corpus.get(i).id()));
        }
        TopicProbe.sendAll(bootstrap, Topics.TEACHER_RESPONSES, again);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        double redelivered = 0;
        while (Instant.now().isBefore(deadline)) {
            redelivered = perInstanceCounts(dataset).values().stream().mapToDouble(c -> c[2]).sum() - redeliveredBefore;
            if (redelivered >= again.size()) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(redelivered).as("redeliveries answered from the store").isEqualTo(again.size());
        Thread.sleep(2000); // anything a redelivery would publish has had time to reach the topics
        Map<String, double[]> afterRedelivery = perInstanceCounts(dataset);
        afterRedelivery.forEach((instance, c) -> System.out.printf("after redelivery %s: curated %.0f, rejected %.0f,"
                + " redelivered %.0f%n", instance, c[0], c[1], c[2]));
        assertThat(afterRedelivery.values().stream().mapToDouble(c -> c[0]).sum()).as("curated after redelivery")
                .isEqualTo(EXPECT_CURATED);
        assertThat(afterRedelivery.values().stream().mapToDouble(c -> c[1]).sum()).as("rejected after redelivery")
                .isEqualTo(EXPECT_REJECTED);
        JsonNode s = datasetSummary(stack.url(CURATOR_2), dataset);
        assertThat(s.path("curated").asLong()).as("curated after redelivery").isEqualTo(EXPECT_CURATED);
        assertThat(s.path("rejected").asLong()).as("rejected after redelivery").isEqualTo(EXPECT_REJECTED);
        assertThat(outcomeEndOffsets()).as("outcome topics after redelivery").isEqualTo(endsBefore);
        Map<String, List<String>> outcomesAfter = outcomesOnTopics(again.keySet());
        assertThat(outcomesAfter.values()).as("outcomes of the redelivered responses").allMatch(l -> l.size() == 1);
        assertThat(stack.deadProcess()).as("a process died").isEmpty();
    }

    // ---- the corpus ----

    static List<Item> corpus(String version) {
        List<List<Item>> groups = new ArrayList<>();
        for (int i = 0; i < ARITHMETIC; i++) {
            int a = 1000 + 37 * i;
            int b = 2000 + 91 * i;
            String question = "What is " + a + " + " + b + "?";
            String completion = a + " + " + b + " = " + (a + b) + "\n#### " + (a + b);
            List<Item> group = new ArrayList<>();
            String groupId = "arith-" + i;
            group.add(item(version, "arith-" + i, question, completion, a + b, "arith", groupId));
            int duplicates = i < TWO_DUPLICATES ? 2 : i < TWO_DUPLICATES + ONE_DUPLICATE ? 1 : 0;
            for (int d = 0; d < duplicates; d++) {
                String variant = switch ((i + d) % 4) {
                    case 0 -> question.toLowerCase(Locale.ROOT);
                    case 1 -> question.toUpperCase(Locale.ROOT);
                    case 2 -> "  what   is " + a + "  +   " + b + "?  ";
                    default -> "WHAT is\t" + a + " +\n" + b + "?";
                };
                group.add(item(version, "arith-" + i + "-dup" + d, variant, completion, a + b, "arith", groupId));
            }
            groups.add(group);
        }
        Random random = new Random(42);
        List<String> aspects = new ArrayList<>(ASPECTS);
        for (int i = 0; i < NEAR_PAIRS; i++) {
            Collections.shuffle(aspects, random);
            String[] verb = VERBS[i % VERBS.length];
            String[] connector = CONNECTORS[(i / VERBS.length) % CONNECTORS.length];
            // no two prompts share both their audience and their closing sentence
            String audience = AUDIENCES[i % AUDIENCES.length];
            String closing = CLOSINGS[(i / AUDIENCES.length + i) % CLOSINGS.length];
            String rest = " " + SUBJECTS.get(i) + " for " + audience + ", %s " + aspects.get(0) + ", " + aspects.get(1)
                    + " and " + aspects.get(2) + ". " + closing;
            String original = verb[0] + String.format(rest, connector[0]);
            String paraphrase = verb[1] + String.format(rest, connector[1]); // two words differ
            String groupId = "near-" + i;
            groups.add(List.of(item(version, groupId, original, "An answer about " + SUBJECTS.get(i) + ".", null, "near",
                            groupId),
                    item(version, groupId + "-para", paraphrase, "Another answer about " + SUBJECTS.get(i) + ".", null,
                            "near", groupId)));
        }
        for (int i = 0; i < TEMPLATED; i++) {
            String name = NAMES[i % NAMES.length];
            String thing = THINGS[i % THINGS.length];
            int have = 12 + i;
            int more = 3 + (i * 7) % 40;
            String question = name + " has " + have + " " + thing + " in a basket at the market and buys " + more
                    + " more from a farmer before going home. How many " + thing + " does " + name + " have now?";
            groups.add(List.of(item(version, "templated-" + i, question, "#### " + (have + more), have + more,
                    "templated", "templated-" + i)));
        }
        Collections.shuffle(groups, random);
        List<Item> corpus = new ArrayList<>();
        for (List<Item> group : groups) {
            int original = partition(group.get(0).id());
            corpus.add(group.get(0));
            for (int m = 1; m < group.size(); m++) {
                // every duplicate on another partition than its original: with two instances most groups are split
                corpus.add(onPartition(group.get(m), (original + m + corpus.size()) % (PARTITIONS - 1) + 1 + original));
            }
        }
        checkDesign(corpus);
        return corpus;
    }

    private static Item item(String version, String name, String question, String completion, Integer answer,
            String kind, String group) {
        TeacherResponseEvent response = new TeacherResponseEvent(TeacherResponseEvent.SCHEMA_VERSION,
                version + "-" + name, "c-" + version, new TeacherRef("reference", "reference-teacher", version),
                List.of(ChatMessage.user(question)), completion, "stop",
                List.of(new TokenLogprob("####", -0.05, List.of())), new Usage(20, 5), 0.0, 5, false, null, "train",
                answer == null ? null : new Reference(Integer.toString(answer), "final-answer"), Instant.now());
        return new Item(response, kind, group);
    }

    /** The item with its promptId suffixed until the default partitioner puts it on {@code wanted % PARTITIONS}. */
    private static Item onPartition(Item item, int wanted) {
        TeacherResponseEvent r = item.response();
        for (int k = 0; ; k++) {
            String id = r.promptId() + "-" + k;
            if (partition(id) == wanted % PARTITIONS) {
                return new Item(new TeacherResponseEvent(r.schemaVersion(), id, r.campaignId(), r.teacher(), r.messages(),
                        r.completion(), r.finishReason(), r.tokens(), r.usage(), r.costUsd(), r.latencyMs(), r.cached(),
                        r.skill(), r.split(), r.reference(), r.createdAt()), item.kind(), item.group());
            }
        }
    }

    /** Kafka's default partitioner for a keyed record. */
    static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    /**
     * The corpus is what it claims: paraphrases far above the near-dedup threshold (0.6 on two-word shingles) and
     * unrelated prompts far below it, so the expected outcome does not hang on MinHash's estimate.
     */
    private static void checkDesign(List<Item> corpus) {
        List<Item> near = corpus.stream().filter(i -> i.kind().equals("near")).toList();
        for (Item a : near) {
            int words = question(a).trim().split("\\s+").length;
            assertThat(words).as("words in " + question(a)).isBetween(25, 40);
            assertThat(question(a)).as("a prompt without numbers").doesNotContainPattern("\\d");
            for (Item b : near) {
                if (a != b) {
                    double j = jaccard(question(a), question(b));
                    if (a.group().equals(b.group())) {
                        assertThat(j).as("paraphrase similarity: " + question(a) + " | " + question(b)).isGreaterThan(0.75);
                    } else {
                        assertThat(j).as("unrelated similarity: " + question(a) + " | " + question(b)).isLessThan(0.35);
                    }
                }
            }
        }
    }

    private static String question(Item item) {
        return item.response().messages().get(0).content();
    }

    static double jaccard(String a, String b) {
        Set<String> x = shingles(a);
        Set<String> y = shingles(b);
        Set<String> both = new HashSet<>(x);
        both.retainAll(y);
        return (double) both.size() / (x.size() + y.size() - both.size());
    }

    private static Set<String> shingles(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("\\s+")) {
            String kept = w.replaceAll("[^\\p{L}\\p{Nd}]", "");
            if (!kept.isEmpty()) {
                words.add(kept);
            }
        }
        Set<String> shingles = new HashSet<>();
        for (int i = 0; i + 1 < words.size(); i++) {
            shingles.add(words.get(i) + " " + words.get(i + 1));
        }
        return shingles;
    }

    private static final String[][] VERBS = {{"Explain", "Describe"}, {"Summarise", "Outline"}, {"Discuss", "Examine"},
        {"Present", "Introduce"}, {"Clarify", "Illustrate"}};
    private static final String[][] CONNECTORS = {{"covering", "including"}, {"addressing", "mentioning"},
        {"stressing", "highlighting"}};
    private static final String[] AUDIENCES = {"a curious teenager", "a first year student", "a nervous adult learner",
        "a retired engineer", "a busy hospital manager", "a primary school teacher", "a newspaper reader",
        "a visiting foreign journalist", "a small business owner", "a book club member"};
    private static final String[] CLOSINGS = {"Keep the tone friendly and avoid jargon.",
        "Use short paragraphs and a brief summary.", "Give an everyday example for each idea.",
        "Write it as a dialogue with a pupil.", "Point out one common misunderstanding gently.",
        "Finish by suggesting some beginner friendly reading.", "Prefer plain words and define every term.",
        "Compare it with something familiar to readers."};
    private static final List<String> SUBJECTS = List.of(
        "how honeybees tell each other where flowers are", "why the Roman Empire split into eastern and western halves",
        "how a refrigerator moves heat out of its cabinet", "why volcanoes form along the edges of tectonic plates",
        "how vaccines train the immune system", "why the printing press changed European religion",
        "how a compiler turns source code into machine instructions", "why coral reefs bleach in warm water",
        "how central banks try to control inflation", "why the Silk Road mattered for medieval trade",
        "how photosynthesis captures energy from sunlight", "why the tides rise and fall along the coast",
        "how a bicycle stays upright while moving", "why medieval castles had such thick walls",
        "how search engines rank web pages", "why some languages have grammatical gender",
        "how glaciers carve valleys into mountains", "why the Industrial Revolution began in Britain",
        "how noise cancelling headphones work", "why cats purr when they are content",
        "how a jury reaches its verdict in a criminal trial", "why bread rises when yeast is added",
        "how migrating birds find their way across continents", "why the Black Death spread so quickly",
        "how electric cars recover energy when braking", "why the ocean is salty while rivers are not",
        "how public key cryptography keeps messages private", "why the Renaissance started in Florence",
        "how earthquakes are measured by seismographs", "why leaves change colour in autumn",
        "how an orchestra conductor shapes a performance", "why antibiotics stop working against some bacteria",
        "how a lighthouse lens focuses its beam", "why the Great Wall of China was built",
        "how solar panels turn light into electricity", "why sleep matters for memory",
        "how a democracy drafts and amends its constitution", "why desert plants survive long droughts",
        "how container ships changed global commerce", "why the Maya abandoned their great cities",
        "how a touchscreen detects the position of a finger", "why octopuses are considered so intelligent",
        "how wine is fermented and aged in barrels", "why the Ottoman Empire controlled key trade routes",
        "how the human ear distinguishes pitch", "why rainbows appear after a storm",
        "how a suspension bridge carries its load", "why the Vikings travelled so far from Scandinavia",
        "how spiders spin silk that is stronger than steel", "why mountains create their own weather");
    private static final List<String> ASPECTS = List.of("the historical background", "the basic physics involved",
        "common myths about it", "the people who discovered it", "its effect on daily life", "open research questions",
        "the role of chance", "the main trade offs", "what could go wrong", "the costs for society",
        "how experts measure it", "its environmental impact", "famous examples", "the vocabulary a newcomer needs",
        "the ethical debates", "the link to modern technology", "how it differs across cultures",
        "a simple home experiment", "the economics behind it", "the long term consequences",
        "the biggest surprises for beginners", "the role of government", "how children usually picture it",
        "its place in popular films");
    private static final String[] NAMES = {"Sara", "Omar", "Lena", "Kofi", "Mei", "Ivan", "Amara", "Diego", "Hana",
        "Yusuf", "Noor", "Pavel"};
    private static final String[] THINGS = {"apples", "apples", "oranges"};

    // ---- observing the stack ----

    /** Waits until the group has both instances with partitions of the responses topic; partition -> member. */
    private Map<Integer, String> awaitTwoMembers() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        Map<Integer, String> owners = Map.of();
        try (Admin admin = Admin.create(props)) {
            while (Instant.now().isBefore(deadline)) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
                owners = new TreeMap<>();
                for (MemberDescription member : group.members()) {
                    for (TopicPartition tp : member.assignment().topicPartitions()) {
                        if (tp.topic().equals(Topics.TEACHER_RESPONSES)) {
                            owners.put(tp.partition(), member.consumerId());
                        }
                    }
                }
                if (group.members().size() == 2 && owners.size() == PARTITIONS
                        && new HashSet<>(owners.values()).size() == 2) {
                    Map<Integer, String> shortNames = new TreeMap<>();
                    List<String> members = owners.values().stream().distinct().sorted().toList();
                    owners.forEach((p, m) -> shortNames.put(p, "member" + members.indexOf(m)));
                    return shortNames;
                }
                Thread.sleep(250);
            }
        }
        throw new AssertionError("the two curators did not share the " + PARTITIONS + " partitions within 2 min: " + owners);
    }

    private JsonNode awaitDecided(String curator, String dataset, int count, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode summary = null;
        while (Instant.now().isBefore(deadline)) {
            summary = datasetSummary(curator, dataset);
            if (summary.path("curated").asLong() + summary.path("rejected").asLong() >= count) {
                return summary;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(count + " responses were not decided within " + timeout + ": " + summary);
    }

    private JsonNode datasetSummary(String curator, String dataset) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(curator + "/datasets"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode node : EventCodec.mapper().readTree(response.body())) {
            if (node.path("datasetVersion").asText().equals(dataset)) {
                return node;
            }
        }
        return EventCodec.mapper().createObjectNode();
    }

    /** A redelivery before the publish was marked would publish again; wait for the marks first. */
    private static void awaitAllPublished(String dataset, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        long unmarked = -1;
        try (Connection c = DriverManager.getConnection(PostgresDatabases.jdbcUrl(DATABASE), PostgresDatabases.user(),
                PostgresDatabases.password());
                PreparedStatement q = c.prepareStatement("""
                        select count(*) from (select published_at, batch_id from dataset_curator.curated_samples
                                              where dataset_version = ?
                                              union all
                                              select published_at, batch_id from dataset_curator.rejected_samples
                                              where dataset_version = ?) t
                        left join dataset_curator.outcome_batch b on b.id = t.batch_id
                        where coalesce(t.published_at, b.published_at) is null""")) {
            q.setString(1, dataset);
            q.setString(2, dataset);
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    unmarked = rs.getLong(1);
                }
                if (unmarked == 0) {
                    return;
                }
                Thread.sleep(200);
            }
        }
        StringBuilder warnings = new StringBuilder();
        for (String curator : List.of(CURATOR, CURATOR_2)) {
            Files.readAllLines(stack.process(curator).log(), StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                    .forEach(line -> warnings.append('\n').append(curator).append(": ").append(line));
        }
        throw new AssertionError(unmarked + " outcomes were not marked published within " + timeout
                + "; the curators' warnings:" + warnings);
    }

    /** Per promptId of {@code ids}: its outcomes on both topics, "curated" or "rejected:filter/reason". */
    private static Map<String, List<String>> outcomesOnTopics(Set<String> ids) {
        Map<String, List<String>> outcomes = new HashMap<>();
        for (ConsumerRecord<String, String> r : TopicProbe.all(bootstrap, Topics.SAMPLES_CURATED)) {
            if (ids.contains(r.key())) {
                CuratedSampleEvent sample = EventCodec.fromJson(r.value(), CuratedSampleEvent.class);
                assertThat(sample.promptId()).isEqualTo(r.key());
                outcomes.computeIfAbsent(r.key(), k -> new ArrayList<>()).add("curated");
            }
        }
        for (ConsumerRecord<String, String> r : TopicProbe.all(bootstrap, Topics.SAMPLES_REJECTED)) {
            if (ids.contains(r.key())) {
                RejectedSampleEvent rejection = EventCodec.fromJson(r.value(), RejectedSampleEvent.class);
                outcomes.computeIfAbsent(r.key(), k -> new ArrayList<>())
                        .add("rejected:" + rejection.filter() + "/" + rejection.reason());
            }
        }
        return outcomes;
    }

    private static Map<TopicPartition, Long> outcomeEndOffsets() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(props,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.SAMPLES_CURATED, Topics.SAMPLES_REJECTED)) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            return new HashMap<>(consumer.endOffsets(partitions));
        }
    }

    /** Per instance, from its /q/metrics: {curated, rejected, redelivered} of the dataset. */
    private Map<String, double[]> perInstanceCounts(String dataset) throws Exception {
        Map<String, double[]> counts = new LinkedHashMap<>();
        for (String instance : List.of(CURATOR, CURATOR_2)) {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(stack.url(instance) + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            double[] c = new double[3];
            for (String line : metrics.split("\n")) {
                if (line.startsWith("#")) {
                    continue;
                }
                boolean ours = line.contains("dataset=\"" + dataset + "\"");
                if (line.startsWith("distill_samples_curated_total{") && ours) {
                    c[0] += value(line);
                } else if (line.startsWith("distill_samples_rejected_total{") && ours) {
                    c[1] += value(line);
                } else if (line.startsWith("distill_samples_redelivered_total")) {
                    c[2] += value(line);
                }
            }
            counts.put(instance, c);
        }
        return counts;
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
