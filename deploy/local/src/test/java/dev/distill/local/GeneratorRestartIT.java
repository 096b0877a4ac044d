package dev.distill.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.distill.events.EventCodec;
import dev.distill.events.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The prompt-generator killed with SIGKILL in the middle of a campaign and started again: once the campaign has
 * completed, every one of its prompts is on {@code distill.prompts} exactly once (none lost, none duplicated).
 */
class GeneratorRestartIT {

    private static final int COUNT = 60_000;
    /** Killed three times: with two batches in flight most of the time, most kills leave staged prompts to settle. */
    private static final List<Integer> KILL_AT = List.of(10_000, 25_000, 40_000);

    private final HttpClient http = HttpClient.newHttpClient();

    private static LocalStack stack;
    private static String generator;

    @BeforeAll
    static void startGenerator() {
        Path repo = Path.of("").toAbsolutePath().getParent().getParent();
        StackOptions options = new StackOptions(repo, repo.resolve("deploy/local/target/generator-restart"),
                StackPorts.free(), "distill_generator_restart", true, "v1", Map.of(), Set.of("prompt-generator"));
        stack = LocalStack.start(options,
                new ProgressLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false));
        generator = stack.url("prompt-generator");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyPromptIsOnTheTopicExactlyOnceAfterAKillDashNine() throws Exception {
        String body = "{\"name\":\"restart\",\"skills\":[\"addition\",\"sorting\"],\"count\":" + COUNT
                + ",\"seed\":1,\"ratePerSecond\":100000,\"difficulty\":3}";
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(generator + "/campaigns"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = EventCodec.mapper().readTree(created.body()).path("id").asText();

        int settled = 0;
        for (int killAt : KILL_AT) {
            JsonNode atKill = awaitStatus(id, st -> st.path("emittedCount").asLong() >= killAt
                    || !st.path("state").asText().equals("RUNNING"), Duration.ofMinutes(3));
            stack.kill("prompt-generator");
            System.out.printf("killed at emittedCount %d (%s)%n", atKill.path("emittedCount").asLong(),
                    atKill.path("state").asText());
            assertThat(atKill.path("state").asText()).as("state when killed").isEqualTo("RUNNING");
            assertThat(atKill.path("emittedCount").asLong()).as("emitted when killed").isLessThan(COUNT);
            settled += settledIn(stack.process("prompt-generator").log()); // what the run before this kill settled
            stack.restart("prompt-generator");
        }
        JsonNode done = awaitStatus(id, s -> !s.path("state").asText().equals("RUNNING"), Duration.ofMinutes(3));
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("COMPLETED");
        long emitted = done.path("emittedCount").asLong();

        List<String> keys = keysOnTopic(stack.bootstrapServers(), id + "-");
        settled += settledIn(stack.process("prompt-generator").log());
        System.out.printf("campaign %s: %d records on %s, emittedCount %d, duplicateCount %d; %d of %d restarts settled"
                + " prompts a kill had left unacknowledged%n", id, keys.size(), Topics.PROMPTS, emitted,
                done.path("duplicateCount").asLong(), settled, KILL_AT.size());

        assertThat(emitted).as("emittedCount").isEqualTo(COUNT);
        assertThat(keys).as("records of the campaign").hasSize((int) emitted);
        assertThat(new HashSet<>(keys)).as("distinct keys").hasSize((int) emitted);
        Set<Long> indices = new HashSet<>();
        for (String key : keys) {
            indices.add(Long.parseLong(key.substring(id.length() + 1)));
        }
        assertThat(indices).as("distinct indices").hasSize((int) emitted);
    }

    /** Restarts whose log says they settled staged prompts that were not acknowledged before the kill. */
    private static int settledIn(Path log) throws java.io.IOException {
        return (int) Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains("settled")).count();
    }

    private JsonNode awaitStatus(String id, java.util.function.Predicate<JsonNode> done, Duration timeout)
            throws InterruptedException {
        return JsonStatus.await(generator + "/campaigns/" + id, done, timeout);
    }

    /** The keys of every record on the prompts topic that start with {@code prefix}, read up to the current end. */
    private static List<String> keysOnTopic(String bootstrap, String prefix) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PROMPTS, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(Topics.PROMPTS, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(Instant.now()).as("read " + Topics.PROMPTS + " to its end").isBefore(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && record.key().startsWith(prefix)) {
                        keys.add(record.key());
                    }
                }
            }
        }
        return keys;
    }
}
