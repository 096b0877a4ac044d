package dev.distill.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.distill.events.ChatMessage;
import dev.distill.events.DistillEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.PromptEvent;
import dev.distill.events.Reference;
import dev.distill.events.Sampling;
import dev.distill.events.Topics;
import dev.distill.events.kafka.EventSerializer;
import dev.distill.skills.Problem;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./distill bench-generator [count]}: how fast one prompt-generator instance puts a campaign on
 * {@code distill.prompts}, against what a bare Kafka producer on this machine manages. On a stack of the broker and
 * the prompt-generator alone (no gateway, so lag-aware pacing never holds emission back) it measures:
 * <ul>
 * <li>instance: an unthrottled skills campaign (addition and sorting, difficulty 3) of {@code count} prompts, its
 * status polled every 200 ms: prompts per second from the first poll that shows emission to completion, and
 * overall from the request to completion;</li>
 * <li>raw: a plain {@code KafkaProducer} with the generator's settings ({@code acks=all}, idempotence,
 * {@link EventSerializer}) sending {@code count} PromptEvents of the same shape, generated inline, then flushing.</li>
 * </ul>
 * Client, generator, broker and PostgreSQL share this machine's cores, so read the figures with {@code nproc} in mind.
 */
final class GeneratorBenchmark {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration CAMPAIGN_TIMEOUT = Duration.ofMinutes(15);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    record Instance(long count, double emittingSeconds, long emittedWhileTimed, double overallSeconds) {

        double rate() {
            return emittedWhileTimed / emittingSeconds;
        }

        double overallRate() {
            return count / overallSeconds;
        }
    }

    static void run(Path repoRoot, int count, ProgressLog out) throws Exception {
        StackOptions options = new StackOptions(repoRoot, repoRoot.resolve("target/bench-generator"), StackPorts.free(),
                "distill_bench_generator", true, "v1", Map.of(), Set.of("prompt-generator"));
        GeneratorBenchmark bench = new GeneratorBenchmark();
        Instance instance;
        RawRate raw;
        try (LocalStack stack = LocalStack.start(options, out)) {
            out.info("instance: campaign of " + count + " prompts, unthrottled...");
            instance = bench.instance(stack.url("prompt-generator"), count);
            out.info(String.format("  %.0f prompts/s", instance.rate()));
            out.info("raw: " + count + " PromptEvents through a plain KafkaProducer...");
            raw = raw(stack.bootstrapServers(), count);
            out.info(String.format("  %.0f records/s", raw.rate()));
        }
        out.info("");
        out.info(String.format("%d prompts, %d cores; broker, generator, PostgreSQL and this client share them", count,
                Runtime.getRuntime().availableProcessors()));
        out.info(String.format("instance  %8.0f prompts/s while emitting (%d in %.2f s); overall %.0f prompts/s (%.2f s)",
                instance.rate(), instance.emittedWhileTimed(), instance.emittingSeconds(), instance.overallRate(),
                instance.overallSeconds()));
        out.info(String.format("raw       %8.0f records/s (%d in %.2f s, acks=all, idempotent)", raw.rate(), raw.count(),
                raw.seconds()));
        out.info(String.format("ratio     %8.2f instance / raw (overall %.2f)", instance.rate() / raw.rate(),
                instance.overallRate() / raw.rate()));
    }

    private Instance instance(String generator, int count) throws Exception {
        String body = "{\"name\":\"bench\",\"skills\":[\"addition\",\"sorting\"],\"count\":" + count
                + ",\"seed\":1,\"ratePerSecond\":100000,\"difficulty\":3}";
        long requested = System.nanoTime();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(generator + "/campaigns"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new StackFailure("cannot create the campaign: " + created.statusCode() + " " + created.body());
        }
        String id = EventCodec.mapper().readTree(created.body()).path("id").asText();
        long firstAt = -1;
        long firstEmitted = 0;
        long deadline = requested + CAMPAIGN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = EventCodec.mapper().readTree(http.send(HttpRequest.newBuilder(URI.create(generator + "/campaigns/" + id))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            long now = System.nanoTime();
            long emitted = status.path("emittedCount").asLong();
            String state = status.path("state").asText();
            if (firstAt < 0 && emitted > 0) {
                firstAt = now;
                firstEmitted = emitted;
            }
            if (state.equals("COMPLETED")) {
                if (firstAt == now) { // done before a poll saw it emitting: time it from the request
                    firstAt = requested;
                    firstEmitted = 0;
                }
                return new Instance(emitted, (now - firstAt) / 1e9, emitted - firstEmitted, (now - requested) / 1e9);
            }
            if (!state.equals("RUNNING")) {
                throw new StackFailure("campaign " + id + " ended " + state + ": " + status);
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new StackFailure("campaign " + id + " did not complete within " + CAMPAIGN_TIMEOUT.toMinutes() + " min");
    }

    /** The same number of prompts, shaped as the generator shapes them, through one producer; timed to the flush. */
    private static RawRate raw(String bootstrap, int count) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(EventSerializer.SOURCE_CONFIG, "/distill/bench-generator");
        Skill addition = SkillSuite.builtIn().get("addition");
        String campaign = "bench-raw-" + UUID.randomUUID();
        Sampling sampling = new Sampling(0.0, 256, 5);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, DistillEvent> producer =
                new KafkaProducer<>(props, new StringSerializer(), new EventSerializer())) {
            producer.partitionsFor(Topics.PROMPTS); // metadata fetched before the clock starts
            long started = System.nanoTime();
            for (int i = 0; i < count; i++) {
                Problem problem = addition.generate(i, 3);
                PromptEvent event = new PromptEvent(PromptEvent.SCHEMA_VERSION, campaign + "-" + i, campaign, "skills",
                        addition.name(), List.of(ChatMessage.user(problem.prompt())),
                        new Reference(problem.answer(), "final-answer"), "train", sampling, null, Instant.now());
                producer.send(new ProducerRecord<>(Topics.PROMPTS, event.promptId(), event), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
            double seconds = (System.nanoTime() - started) / 1e9;
            if (failure.get() != null) {
                throw new StackFailure("the raw producer failed: " + failure.get(), failure.get());
            }
            return new RawRate(count, seconds);
        }
    }
}
