package dev.distill.local;

import dev.distill.events.ChatMessage;
import dev.distill.events.EventCodec;
import dev.distill.events.PromptEvent;
import dev.distill.events.Sampling;
import dev.distill.events.Topics;
import java.net.URI;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./distill bench-gateway [C,C,...] [seconds]}: the reference teacher answers after a fixed 50 ms, and for each
 * concurrency C the harness measures, over real HTTP and Kafka on this machine:
 * <ul>
 * <li>direct: C closed-loop clients calling the teacher itself (what this machine allows at all);</li>
 * <li>proxy: the same clients through the gateway's {@code /v1/chat/completions}, every request unique (no cache
 * hits): throughput as a fraction of the bound C / 50 ms, and the latency the gateway adds at p50 and p99;</li>
 * <li>kafka: C x 8 x seconds prompts put on {@code distill.prompts} at once (after a warm-up batch) with the
 * gateway's in-flight bound at C: responses per second as a fraction of the same bound.</li>
 * </ul>
 * Client, gateway, teacher, broker and PostgreSQL all share this machine's cores, so read the figures with
 * {@code nproc} in mind.
 */
final class GatewayBenchmark {

    private static final long TEACHER_LATENCY_MS = 50;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4, GatewayBenchmark::daemon)).connectTimeout(Duration.ofSeconds(10)).build();

    /** Daemon threads, so the JVM exits when the run is over. */
    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "bench-client");
        thread.setDaemon(true);
        return thread;
    }

    record Run(String mode, int concurrency, long requests, double seconds, long[] latenciesMicros, long errors) {

        double throughput() {
            return requests / seconds;
        }

        double ofBound() {
            return throughput() / (concurrency * 1000.0 / TEACHER_LATENCY_MS);
        }

        double percentileMs(double p) {
            if (latenciesMicros.length == 0) {
                return Double.NaN;
            }
            return latenciesMicros[(int) Math.min(latenciesMicros.length - 1, Math.ceil(p * latenciesMicros.length) - 1)] / 1000.0;
        }
    }

    static void run(Path repoRoot, List<Integer> concurrencies, int seconds, ProgressLog out) throws Exception {
        int maxC = concurrencies.stream().mapToInt(Integer::intValue).max().orElse(64);
        Map<String, Map<String, String>> props = Map.of(
                "reference-teacher", Map.of("teacher.faults.latency.ms", Long.toString(TEACHER_LATENCY_MS)),
                "teacher-gateway", Map.of("distill.teacher.limits.max-in-flight", Integer.toString(maxC)));
        StackOptions options = new StackOptions(repoRoot, repoRoot.resolve("target/bench-gateway"), StackPorts.free(),
                "distill_bench_gateway", true, "v1", props, Set.of("reference-teacher", "teacher-gateway"));
        GatewayBenchmark bench = new GatewayBenchmark();
        List<Run> runs = new ArrayList<>();
        try (LocalStack stack = LocalStack.start(options, out)) {
            String teacher = stack.url("reference-teacher") + "/v1/chat/completions";
            String gateway = stack.url("teacher-gateway") + "/v1/chat/completions";
            for (int c : concurrencies) {
                bench.closedLoop("warmup", gateway, c, Math.min(5, seconds));
                runs.add(bench.closedLoop("direct", teacher, c, seconds));
                out.info(format(runs.get(runs.size() - 1)));
                runs.add(bench.closedLoop("proxy", gateway, c, seconds));
                out.info(format(runs.get(runs.size() - 1)));
                bench.setGatewayBound(stack, c);
                bench.kafka(stack.bootstrapServers(), c, c * 10); // warm-up of the Kafka path
                runs.add(bench.kafka(stack.bootstrapServers(), c, c * 8 * seconds));
                out.info(format(runs.get(runs.size() - 1)));
                bench.setGatewayBound(stack, maxC);
            }
        }
        out.info("");
        out.info(String.format("teacher latency %d ms, %d cores; bound = C / %d ms", TEACHER_LATENCY_MS,
                Runtime.getRuntime().availableProcessors(), TEACHER_LATENCY_MS));
        runs.forEach(run -> out.info(format(run)));
    }

    private static String format(Run run) {
        String latency = run.latenciesMicros().length == 0 ? "" : String.format(
                "  latency p50 %.1f ms p99 %.1f ms (added p50 %.1f ms, p99 %.1f ms)", run.percentileMs(0.5),
                run.percentileMs(0.99), run.percentileMs(0.5) - TEACHER_LATENCY_MS, run.percentileMs(0.99) - TEACHER_LATENCY_MS);
        return String.format("%-6s C=%-4d %8.0f req/s = %.2f of bound  (%d requests, %d errors)%s", run.mode(),
                run.concurrency(), run.throughput(), run.ofBound(), run.requests(), run.errors(), latency);
    }

    /** C clients, each sending its next unique request as soon as the previous one is answered. */
    private Run closedLoop(String mode, String url, int concurrency, int seconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long started = System.nanoTime();
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            clients.add(loop(mode, url, deadline, latencies, errors));
        }
        CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get();
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Run(mode, concurrency, sorted.length, elapsed, sorted, errors.get());
    }

    private CompletableFuture<Void> loop(String mode, String url, long deadline, ConcurrentLinkedQueue<Long> latencies, AtomicLong errors) {
        if (System.nanoTime() >= deadline) {
            return CompletableFuture.completedFuture(null);
        }
        String model = mode.equals("direct") ? "reference-teacher" : "reference";
        String body = "{\"model\":\"" + model + "\",\"max_tokens\":32,\"temperature\":0,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"What is 12 + 30? [" + UUID.randomUUID() + "]\"}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long sent = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            if (failure == null && response.statusCode() == 200) {
                latencies.add((System.nanoTime() - sent) / 1000);
            } else {
                errors.incrementAndGet();
            }
            return null;
        }).thenCompose(ignored -> loop(mode, url, deadline, latencies, errors));
    }

    /** {@code count} prompts at once; the gateway's in-flight bound is C. Throughput from the first send to the last answer. */
    private Run kafka(String bootstrap, int concurrency, int count) {
        String campaign = "bench-" + UUID.randomUUID();
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, campaign);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer());
                KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            consumer.subscribe(List.of(Topics.TEACHER_RESPONSES));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            long started = System.nanoTime();
            for (int i = 0; i < count; i++) {
                PromptEvent prompt = new PromptEvent(1, campaign + "-" + i, campaign, "bench", null,
                        List.of(ChatMessage.user("What is " + i + " + 30? [" + campaign + "]")), null, "train",
                        new Sampling(0, 32, 0), null, Instant.now());
                producer.send(new ProducerRecord<>(Topics.PROMPTS, prompt.promptId(), EventCodec.toJson(prompt)));
            }
            producer.flush();
            long received = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (received < count && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().startsWith(campaign)) {
                        received++;
                    }
                }
            }
            return new Run("kafka", concurrency, received, (System.nanoTime() - started) / 1e9, new long[0], count - received);
        }
    }

    /** The in-flight bound is the registry's: change it through the REST API like an operator would. */
    private void setGatewayBound(LocalStack stack, int bound) throws Exception {
        String body = "{\"name\":\"reference\",\"baseUrl\":\"" + stack.url("reference-teacher") + "\",\"maxInFlight\":" + bound
                + ",\"timeout\":\"PT30S\"}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.url("teacher-gateway") + "/teachers"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new StackFailure("cannot set the gateway's bound: " + response.body());
        }
        Thread.sleep(2500); // every instance re-reads the registry within distill.gateway.registry-refresh
    }

    static List<Integer> parseConcurrencies(String arg) {
        return Arrays.stream(arg.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }
}
