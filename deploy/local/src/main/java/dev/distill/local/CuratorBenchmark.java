package dev.distill.local;

import dev.distill.events.ChatMessage;
import dev.distill.events.EventCodec;
import dev.distill.events.Reference;
import dev.distill.events.TeacherRef;
import dev.distill.events.TeacherResponseEvent;
import dev.distill.events.TokenLogprob;
import dev.distill.events.Topics;
import dev.distill.events.Usage;
import dev.distill.testing.PostgresDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./distill bench-curator [count] [indexed]}: how fast one dataset-curator instance takes teacher responses
 * through its whole filter chain (one PostgreSQL transaction per poll of responses: claim, exact and near dedup against
 * what the dataset already holds, store; then publish), against how fast a bare Kafka consumer reads the same records. On a
 * stack of the broker and the curator alone (fresh database {@code distill_bench_curator}):
 * <ul>
 * <li>index: {@code indexed} (default 1,000,000) near-dedup signatures (random 128-value MinHash signatures and
 * 32 LSH bucket keys, generated in SQL) and as many exact-dedup hashes are written into the curator's tables for the
 * benchmark's dataset version, in batches, then analysed: the dedup lookups run against a dataset of that size;</li>
 * <li>warm-up: {@code warmUp} (default 300,000) responses of another teacher version, so that the chain is measured
 * in a curator whose code the JIT has compiled, as in one that has been running: on two cores shared with the broker
 * and PostgreSQL, the C2 compiler still took 40% of the curator's CPU after 100,000 responses, and the curator needed
 * twice the CPU per sample; then one response of the benchmark's version, timed until its outcome is published: the curator
 * reads the dataset's near-dedup rows into its in-memory index with it;</li>
 * <li>chain: {@code count} (default 20000) distinct TeacherResponseEvents (additions, subtractions and word problems
 * with their correct {@code #### n} answers, a few logprob tokens each) are produced to
 * {@code distill.teacher-responses}; the outcome topics' end offsets are polled every 200 ms until
 * curated + rejected reaches {@code count}: samples per second from the first poll that shows an outcome, over the
 * second half (from the poll that shows half of them decided), and overall from the first send;</li>
 * <li>raw: a plain {@code KafkaConsumer} (String deserializers, a new group, from the beginning) reads {@code count}
 * records of the topic (the warm-up's first, made the same way): records per second from the moment its partitions
 * are assigned.</li>
 * </ul>
 * Client, curator, broker and PostgreSQL share this machine's cores, so read the figures with {@code nproc} in mind.
 */
final class CuratorBenchmark {

    static final String DATABASE = "distill_bench_curator";
    private static final int BATCH = 50_000;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(30);
    private static final String[] NAMES = {"Sara", "Omar", "Lena", "Kofi", "Mei", "Ivan", "Amara", "Diego"};
    private static final String[] THINGS = {"marbles", "stamps", "apples", "books", "coins", "shells"};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    record Chain(long count, long curated, long rejected, double processingSeconds, long decidedWhileTimed,
            double overallSeconds, double secondHalfSeconds, long secondHalfDecided) {

        double rate() {
            return decidedWhileTimed / processingSeconds;
        }

        double overallRate() {
            return count / overallSeconds;
        }

        /** From the poll that first showed half of them decided: past the first transactions' plans and warm-up. */
        double secondHalfRate() {
            return secondHalfDecided / secondHalfSeconds;
        }
    }

    static void run(Path repoRoot, int count, int indexed, int warmUp, ProgressLog out) throws Exception {
        if (count < 1 || indexed < 0 || warmUp < 0) {
            throw new StackFailure("bench-curator needs count >= 1, indexed >= 0 and warm-up >= 0, not " + count + ", "
                    + indexed + " and " + warmUp);
        }
        StackOptions options = new StackOptions(repoRoot, repoRoot.resolve("target/bench-curator"), StackPorts.free(),
                DATABASE, true, "v1", Map.of(), Set.of("dataset-curator"));
        String version = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        String dataset = "reference@" + version;
        CuratorBenchmark bench = new CuratorBenchmark();
        double indexSeconds;
        double indexReadSeconds;
        Chain chain;
        CpuTimes cpu;
        RawRate raw;
        try (LocalStack stack = DistillCli.startWithShutdownHook(options, out)) { // loading the index takes minutes
            String curator = stack.url("dataset-curator");
            out.info("index: " + indexed + " near-dedup signatures and exact-dedup hashes for " + dataset + "...");
            long started = System.nanoTime();
            preIndex(dataset, indexed, out);
            indexSeconds = (System.nanoTime() - started) / 1e9;
            out.info(String.format("  %.1f s", indexSeconds));
            out.info("warm-up: " + warmUp + " responses of another teacher version, so that the JIT compiles the"
                    + " chain...");
            started = System.nanoTime();
            String other = "warm-up-" + UUID.randomUUID().toString().substring(0, 8);
            Random random = new Random(3);
            curate(stack.bootstrapServers(), warmUp,
                    i -> response(new TeacherRef("reference", "reference-teacher", other), other, i, random));
            out.info(String.format("  %.1f s", (System.nanoTime() - started) / 1e9));
            out.info("index read: one response, so that the curator reads the dataset's near-dedup index...");
            started = System.nanoTime();
            curate(stack.bootstrapServers(), 1,
                    i -> response(new TeacherRef("reference", "reference-teacher", version), version, count, random));
            indexReadSeconds = (System.nanoTime() - started) / 1e9;
            out.info(String.format("  %.1f s", indexReadSeconds));
            out.info("chain: " + count + " TeacherResponseEvents through the curator...");
            CpuTimes before = CpuTimes.of(stack);
            chain = bench.chain(stack.bootstrapServers(), curator, version, count, out);
            cpu = CpuTimes.of(stack).minus(before);
            out.info(String.format("  %.0f samples/s", chain.rate()));
            out.info("raw: " + count + " records through a plain KafkaConsumer...");
            raw = raw(stack.bootstrapServers(), count);
            out.info(String.format("  %.0f records/s", raw.rate()));
        }
        out.info("");
        out.info(String.format("%d responses against %d indexed samples, %d cores; broker, curator, PostgreSQL and this"
                + " client share them", count, indexed, Runtime.getRuntime().availableProcessors()));
        out.info(String.format("index     %d signatures + %d hashes loaded and analysed in %.1f s", indexed, indexed,
                indexSeconds));
        out.info(String.format("index     read by the curator with the first response of the dataset in %.1f s",
                indexReadSeconds));
        out.info(String.format("chain     %8.0f samples/s while processing (%d in %.2f s); overall %.0f samples/s"
                + " (%.2f s); %d curated, %d rejected", chain.rate(), chain.decidedWhileTimed(),
                chain.processingSeconds(), chain.overallRate(), chain.overallSeconds(), chain.curated(), chain.rejected()));
        out.info(String.format("          %8.0f samples/s over the second half (%d in %.2f s)", chain.secondHalfRate(),
                chain.secondHalfDecided(), chain.secondHalfSeconds()));
        out.info(String.format("cpu       per sample while the chain ran: curator %.0f µs, broker %.0f µs, PostgreSQL"
                + " %.0f µs, this client %.0f µs", cpu.curator() / count, cpu.broker() / count,
                cpu.postgres() / count, cpu.client() / count));
        out.info(String.format("raw       %8.0f records/s (%d in %.2f s)", raw.rate(), raw.count(), raw.seconds()));
        out.info(String.format("ratio     %8.4f chain / raw (overall %.4f)", chain.rate() / raw.rate(),
                chain.overallRate() / raw.rate()));
    }

    /**
     * {@code indexed} rows in {@code near_dedup} (random signatures and bucket keys, an arbitrary numbers key) and in
     * {@code exact_dedup} (SHA-256 hex of a counter) for the dataset version, in batches, then ANALYZE. The curator
     * reads the near-dedup rows into its in-memory index with its first batch, so that batch's time includes it.
     */
    static void preIndex(String dataset, int indexed, ProgressLog out) throws SQLException, InterruptedException {
        try (Connection c = DriverManager.getConnection(PostgresDatabases.jdbcUrl(DATABASE), PostgresDatabases.user(),
                PostgresDatabases.password())) {
            awaitTables(c);
            try (PreparedStatement near = c.prepareStatement("""
                    insert into dataset_curator.near_dedup (dataset_version, prompt_id, signature, buckets, numbers_key)
                    select ?, 'indexed-' || i,
                        array(select (floor(random() * 4294967296) - 2147483648)::integer
                              from generate_series(1, 128 + 0 * i)),
                        array(select floor((random() - 0.5) * 18446744073709551616)::bigint
                              from generate_series(1, 32 + 0 * i)),
                        floor((random() - 0.5) * 18446744073709551616)::bigint
                    from generate_series(?, ?) i""");
                    PreparedStatement exact = c.prepareStatement("""
                            insert into dataset_curator.exact_dedup (dataset_version, prompt_hash, prompt_id)
                            select ?, encode(sha256(convert_to('indexed-' || i, 'UTF8')), 'hex'), 'indexed-' || i
                            from generate_series(?, ?) i""")) {
                // (the "+ 0 * i" makes each row's array its own subquery, not one array computed once for all rows)
                long started = System.nanoTime();
                for (int from = 1; from <= indexed; from += BATCH) {
                    int to = Math.min(indexed, from + BATCH - 1);
                    for (PreparedStatement insert : List.of(near, exact)) {
                        insert.setString(1, dataset);
                        insert.setInt(2, from);
                        insert.setInt(3, to);
                        insert.executeUpdate();
                    }
                    if (to % (4 * BATCH) == 0 || to == indexed) {
                        out.info(String.format("  %d of %d (%.0f s)", to, indexed, (System.nanoTime() - started) / 1e9));
                    }
                }
            }
            try (Statement analyze = c.createStatement()) {
                analyze.execute("analyze dataset_curator.near_dedup");
                analyze.execute("analyze dataset_curator.exact_dedup");
            }
        }
    }

    /** The stack waited for /q/health/ready; this waits, to be sure, for the tables the curator's Flyway creates. */
    private static void awaitTables(Connection c) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        try (PreparedStatement q = c.prepareStatement("select to_regclass('dataset_curator.near_dedup') is not null"
                + " and to_regclass('dataset_curator.exact_dedup') is not null")) {
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return;
                    }
                }
                Thread.sleep(500);
            }
        }
        throw new StackFailure("the curator did not create its tables in " + DATABASE + " within a minute");
    }

    private Chain chain(String bootstrap, String curator, String version, int count, ProgressLog out) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        AtomicReference<Exception> failure = new AtomicReference<>();
        TeacherRef teacher = new TeacherRef("reference", "reference-teacher", version);
        Random random = new Random(7);
        long started;
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
                KafkaConsumer<String, String> ends = endsConsumer(bootstrap)) {
            producer.partitionsFor(Topics.TEACHER_RESPONSES); // metadata fetched before the clock starts
            long base = outcomes(ends);
            started = System.nanoTime();
            for (int i = 0; i < count; i++) {
                TeacherResponseEvent response = response(teacher, version, i, random);
                producer.send(new ProducerRecord<>(Topics.TEACHER_RESPONSES, response.promptId(),
                        EventCodec.toJson(response)), (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
            }
            producer.flush();
            if (failure.get() != null) {
                throw new StackFailure("producing the responses failed: " + failure.get(), failure.get());
            }
            long firstAt = -1;
            long firstDecided = 0;
            long halfAt = -1;
            long halfDecided = 0;
            long deadline = started + RUN_TIMEOUT.toNanos();
            long lastReport = System.nanoTime();
            while (System.nanoTime() < deadline) {
                long decided = outcomes(ends) - base;
                long now = System.nanoTime();
                if (firstAt < 0 && decided > 0) {
                    firstAt = now;
                    firstDecided = decided;
                }
                if (halfAt < 0 && decided >= count / 2) {
                    halfAt = now;
                    halfDecided = decided;
                }
                if (decided >= count) {
                    if (firstAt == now) { // done before a poll saw progress: time it from the first send
                        firstAt = started;
                        firstDecided = 0;
                    }
                    if (halfAt == now) {
                        halfAt = firstAt;
                        halfDecided = firstDecided;
                    }
                    long[] split = counts(curator, "reference@" + version);
                    return new Chain(count, split[0], split[1], (now - firstAt) / 1e9, decided - firstDecided,
                            (now - started) / 1e9, (now - halfAt) / 1e9, decided - halfDecided);
                }
                if (now - lastReport > 10_000_000_000L) {
                    out.info(String.format("  %d of %d decided", decided, count));
                    lastReport = now;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
        throw new StackFailure(count + " responses were not curated within " + RUN_TIMEOUT.toMinutes() + " min");
    }

    /**
     * CPU microseconds used so far by the curator, the broker, every PostgreSQL process (its connections' backends
     * included) and this JVM; NaN where the platform does not report a process's CPU time.
     */
    record CpuTimes(double curator, double broker, double postgres, double client) {

        static CpuTimes of(LocalStack stack) {
            return new CpuTimes(micros(stack.process("dataset-curator").cpuTime()),
                    micros(stack.process("kafka").cpuTime()),
                    ProcessHandle.allProcesses().filter(p -> p.info().user().filter("postgres"::equals).isPresent())
                            .mapToDouble(p -> micros(p.info().totalCpuDuration())).sum(),
                    micros(ProcessHandle.current().info().totalCpuDuration()));
        }

        CpuTimes minus(CpuTimes earlier) {
            return new CpuTimes(curator - earlier.curator, broker - earlier.broker, postgres - earlier.postgres,
                    client - earlier.client);
        }

        private static double micros(Optional<Duration> cpu) {
            return cpu.map(d -> d.toNanos() / 1e3).orElse(Double.NaN);
        }
    }

    /** Sends {@code n} responses made by {@code response} and waits until an outcome of each is published. */
    private static void curate(String bootstrap, int n, IntFunction<TeacherResponseEvent> response) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer());
                KafkaConsumer<String, String> ends = endsConsumer(bootstrap)) {
            long target = outcomes(ends) + n;
            for (int i = 0; i < n; i++) {
                TeacherResponseEvent event = response.apply(i);
                producer.send(new ProducerRecord<>(Topics.TEACHER_RESPONSES, event.promptId(), EventCodec.toJson(event)));
            }
            producer.flush();
            long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
            while (outcomes(ends) < target) {
                if (System.nanoTime() > deadline) {
                    throw new StackFailure(n + " responses were not curated within "
                            + RUN_TIMEOUT.toMinutes() + " min");
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    /** Varied distinct prompts with numbers and correct answers: sums, differences and word problems. */
    static TeacherResponseEvent response(TeacherRef teacher, String version, int i, Random random) {
        int a = 10_000 + i; // distinct in every prompt: no two are duplicates
        int b = 1 + random.nextInt(9_999);
        String question;
        long answer;
        switch (i % 3) {
            case 0 -> {
                question = "What is " + a + " + " + b + "?";
                answer = (long) a + b;
            }
            case 1 -> {
                question = "Compute " + a + " - " + b + " and give the result.";
                answer = (long) a - b;
            }
            default -> {
                String name = NAMES[i % NAMES.length];
                String thing = THINGS[(i / NAMES.length) % THINGS.length];
                question = name + " has " + a + " " + thing + " and collects " + b + " more during the week. How many "
                        + thing + " does " + name + " have now?";
                answer = (long) a + b;
            }
        }
        String completion = "Working it out step by step.\n" + a + (i % 3 == 1 ? " - " : " + ") + b + " = " + answer
                + "\n#### " + answer;
        List<TokenLogprob> tokens = List.of(
                new TokenLogprob("Working", -0.01 - random.nextDouble() * 0.2, List.of()),
                new TokenLogprob(" it", -0.02, List.of(new TokenLogprob.Alternative(" this", -3.1))),
                new TokenLogprob("####", -0.05, List.of()),
                new TokenLogprob(" " + answer, -0.01 - random.nextDouble() * 0.3,
                        List.of(new TokenLogprob.Alternative(" " + (answer + 1), -4.2))));
        return new TeacherResponseEvent(TeacherResponseEvent.SCHEMA_VERSION, version + "-" + i, "c-" + version,
                teacher, List.of(ChatMessage.user(question)), completion, "stop", tokens, new Usage(24, 18), 0.0, 40,
                false, "bench", "train", new Reference(Long.toString(answer), "final-answer"), Instant.now());
    }

    /** {curated, rejected} of the dataset version, from GET /datasets. */
    private long[] counts(String curator, String dataset) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(curator + "/datasets"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        for (var node : EventCodec.mapper().readTree(response.body())) {
            if (node.path("datasetVersion").asText().equals(dataset)) {
                return new long[] {node.path("curated").asLong(), node.path("rejected").asLong()};
            }
        }
        throw new StackFailure("GET /datasets does not list " + dataset + ": " + response.body());
    }

    private static KafkaConsumer<String, String> endsConsumer(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /** Records on both outcome topics: the sum of their end offsets (0 for a topic not created yet). */
    private static long outcomes(KafkaConsumer<String, String> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.SAMPLES_CURATED, Topics.SAMPLES_REJECTED)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }

    /** A new group reading {@code distill.teacher-responses} from the beginning until it has {@code count} records. */
    private static RawRate raw(String bootstrap, int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            long[] assignedAt = {-1};
            consumer.subscribe(List.of(Topics.TEACHER_RESPONSES), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (assignedAt[0] < 0 && !partitions.isEmpty()) {
                        assignedAt[0] = System.nanoTime(); // the group is joined: reading starts now
                    }
                }
            });
            long read = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (read < count) {
                if (System.nanoTime() > deadline) {
                    throw new StackFailure("the raw consumer read " + read + " of " + count + " records in 5 min");
                }
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                for (var record : records) {
                    if (record.value() != null) {
                        read++;
                    }
                }
            }
            return new RawRate(read, (System.nanoTime() - assignedAt[0]) / 1e9);
        }
    }
}
