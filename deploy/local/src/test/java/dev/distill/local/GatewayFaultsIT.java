package dev.distill.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.distill.events.ChatMessage;
import dev.distill.events.EventCodec;
import dev.distill.events.PromptEvent;
import dev.distill.events.Reference;
import dev.distill.events.Sampling;
import dev.distill.events.TeacherResponseEvent;
import dev.distill.events.Topics;
import dev.distill.testing.TopicProbe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway against the reference teacher over real HTTP, with 30% of teacher requests failing or misbehaving
 * (throttling with Retry-After, 5xx, timeouts, truncated answers). Every prompt must end in exactly one response or
 * exactly one dead letter; replaying the prompts must not make the teacher answer any of them twice.
 */
class GatewayFaultsIT {

    private static final int PROMPTS = 300;
    private static final String FAULTS = "{\"throttle_rate\":0.10,\"retry_after_seconds\":1,\"server_error_rate\":0.10,"
            + "\"timeout_rate\":0.05,\"timeout_hold_ms\":3000,\"truncate_rate\":0.05}";
    private static final String NO_FAULTS = "{\"throttle_rate\":0,\"server_error_rate\":0,\"timeout_rate\":0,"
            + "\"truncate_rate\":0,\"refusal_rate\":0,\"pii_rate\":0}";
    private final HttpClient http = HttpClient.newHttpClient();

    private static LocalStack stack;
    private static String teacher;
    private static String gateway;
    private static String bootstrap;

    @BeforeAll
    static void startTeacherAndGateway() {
        Path repo = Path.of("").toAbsolutePath().getParent().getParent();
        // retries spread over a few hundred ms, as with the defaults: with a much shorter retry budget a prompt could
        // spend all its attempts before enough failures have arrived to open the circuit
        Map<String, Map<String, String>> props = Map.of("teacher-gateway", Map.of(
                "distill.teacher.limits.timeout", "1s",
                "distill.teacher.limits.max-in-flight", "32",
                "distill.gateway.retry.max-attempts", "3",
                "distill.gateway.retry.initial-backoff", "200ms",
                "distill.gateway.retry.max-backoff", "2s",
                "distill.gateway.circuit.failure-threshold", "8",
                "distill.gateway.circuit.open-for", "8s"));
        StackOptions options = new StackOptions(repo, repo.resolve("deploy/local/target/gateway-faults"), StackPorts.free(),
                "distill_gateway_faults", true, "v1", props, Set.of("reference-teacher", "teacher-gateway"));
        stack = LocalStack.start(options,
                new ProgressLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false));
        teacher = stack.url("reference-teacher");
        gateway = stack.url("teacher-gateway");
        bootstrap = stack.bootstrapServers();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyPromptEndsExactlyOnceAndReplaysAreServedFromTheCache() throws Exception {
        put(teacher + "/admin/faults", FAULTS);
        post(teacher + "/admin/stats/reset");

        List<PromptEvent> prompts = IntStream.range(0, PROMPTS).mapToObj(i -> prompt("faults", i)).toList();
        Map<String, String> records = prompts.stream().collect(Collectors.toMap(PromptEvent::promptId, EventCodec::toJson));
        Set<String> ids = records.keySet();
        TopicProbe.sendAll(bootstrap, Topics.PROMPTS, records);

        Map<String, Integer> firstRound = awaitOutcomes(bootstrap, ids, 1);
        long answered = firstRound.values().stream().filter(o -> o == 1).count();
        long dead = PROMPTS - answered;
        JsonNode stats = get(teacher + "/admin/stats");
        System.out.printf("round 1: %d answered, %d dead-lettered, teacher saw %s%n", answered, dead, stats);
        assertThat(stats.path("throttled").asLong() + stats.path("server_error").asLong() + stats.path("timeout").asLong())
                .as("faults were injected").isPositive();
        assertThat(answered).as("retries rescue most faulted calls").isGreaterThan(PROMPTS * 9L / 10);
        long callsBefore = stats.path("total").asLong();

        // the replay: a teacher with no faults answers the dead-lettered prompts; the answered ones cost nothing
        put(teacher + "/admin/faults", NO_FAULTS);
        TopicProbe.sendAll(bootstrap, Topics.PROMPTS, records);
        awaitOutcomes(bootstrap, ids, 2);
        long newCalls = get(teacher + "/admin/stats").path("total").asLong() - callsBefore;
        assertThat(newCalls).as("teacher calls made by the replay").isEqualTo(dead);

        Map<String, List<TeacherResponseEvent>> responses = responses(bootstrap, ids);
        firstRound.forEach((id, outcome) -> {
            if (outcome == 1) { // answered in round 1: one fresh answer, then a cached copy
                assertThat(responses.get(id)).extracting(TeacherResponseEvent::cached).containsExactly(false, true);
            } else {
                assertThat(responses.get(id)).extracting(TeacherResponseEvent::cached).containsExactly(false);
            }
        });
    }

    /**
     * Waits until every prompt has {@code rounds} outcomes (responses plus dead letters), then checks, after a pause
     * for stragglers, that none has more. Returns, per prompt, 1 if its first outcome was a response, 0 if a DLQ record.
     */
    private static Map<String, Integer> awaitOutcomes(String bootstrap, Set<String> ids, int rounds) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        Map<String, Long> counts = Map.of();
        while (Instant.now().isBefore(deadline)) {
            counts = outcomes(bootstrap, ids);
            if (counts.size() == ids.size() && counts.values().stream().allMatch(c -> c >= rounds)) {
                break;
            }
            Thread.sleep(1000);
        }
        Thread.sleep(3000);
        counts = outcomes(bootstrap, ids);
        assertThat(counts).as("prompts with an outcome").hasSize(ids.size());
        assertThat(counts.values()).as("outcomes per prompt").allMatch(c -> c == rounds);
        Map<String, Integer> first = new HashMap<>();
        ids.forEach(id -> first.put(id, 0));
        TopicProbe.all(bootstrap, Topics.TEACHER_RESPONSES).stream().filter(r -> ids.contains(r.key()))
                .forEach(r -> first.put(r.key(), 1));
        return first;
    }

    private static Map<String, Long> outcomes(String bootstrap, Set<String> ids) {
        return java.util.stream.Stream.concat(TopicProbe.all(bootstrap, Topics.TEACHER_RESPONSES).stream(),
                        TopicProbe.all(bootstrap, Topics.dlq(Topics.PROMPTS)).stream())
                .map(ConsumerRecord::key).filter(ids::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static Map<String, List<TeacherResponseEvent>> responses(String bootstrap, Set<String> ids) {
        return TopicProbe.all(bootstrap, Topics.TEACHER_RESPONSES).stream().filter(r -> ids.contains(r.key()))
                .collect(Collectors.groupingBy(ConsumerRecord::key,
                        Collectors.mapping(r -> EventCodec.fromJson(r.value(), TeacherResponseEvent.class), Collectors.toList())));
    }

    @Test
    void anOutageOpensTheCircuitAndNoPromptIsLost() throws Exception {
        put(teacher + "/admin/faults", "{\"server_error_rate\":1.0}");
        post(teacher + "/admin/stats/reset");
        List<PromptEvent> prompts = IntStream.range(0, 20).mapToObj(i -> prompt("outage", i)).toList();
        Map<String, String> records = prompts.stream().collect(Collectors.toMap(PromptEvent::promptId, EventCodec::toJson));
        TopicProbe.sendAll(bootstrap, Topics.PROMPTS, records);

        Instant opened = Instant.now().plusSeconds(20);
        while (!metrics().contains("distill_teacher_circuit_state{teacher=\"reference\",version=\"v1\"} 2.0")) {
            assertThat(Instant.now()).as("circuit opened").isBefore(opened);
            Thread.sleep(100);
        }
        long callsWhileOpen = get(teacher + "/admin/stats").path("total").asLong();
        Thread.sleep(2000);
        // open: prompts wait instead of spending their attempts on a teacher that is down
        assertThat(get(teacher + "/admin/stats").path("total").asLong()).isEqualTo(callsWhileOpen);

        put(teacher + "/admin/faults", NO_FAULTS); // the teacher recovers before the circuit lets a trial through
        Map<String, Integer> outcome = awaitOutcomes(bootstrap, records.keySet(), 1);
        assertThat(outcome.values()).as("answered (1) rather than dead-lettered (0)").containsOnly(1);
        assertThat(metrics()).contains("distill_teacher_circuit_state{teacher=\"reference\",version=\"v1\"} 0.0");
    }

    private String metrics() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway + "/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static PromptEvent prompt(String run, int i) {
        int a = i * 7 % 100;
        int b = i * 13 % 100;
        return new PromptEvent(1, run + "-" + i + "-" + System.nanoTime(), "c-" + run, "skills", "addition",
                List.of(new ChatMessage("system", "Answer with a final line '#### <answer>'."),
                        ChatMessage.user("What is " + a + " + " + b + "? (" + run + " " + i + " " + System.nanoTime() + ")")),
                new Reference(Integer.toString(a + b), "final-answer"), "train", new Sampling(0.0, 64, 3), null, Instant.now());
    }

    private void put(String url, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
    }

    private void post(String url) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private JsonNode get(String url) throws Exception {
        return EventCodec.mapper().readTree(http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
