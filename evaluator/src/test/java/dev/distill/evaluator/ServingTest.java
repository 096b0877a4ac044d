package dev.distill.evaluator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distill.evaluator.domain.Champion;
import dev.distill.evaluator.rest.ServingResource;
import dev.distill.evaluator.serving.ChampionHolder;
import dev.distill.evaluator.serving.ServedModel;
import dev.distill.events.BenchmarkEvent;
import dev.distill.events.CheckpointEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.PromotionEvent;
import dev.distill.events.Topics;
import dev.distill.model.Checkpoints;
import dev.distill.model.Student;
import dev.distill.model.StudentConfig;
import dev.distill.testing.DistillTestResource;
import dev.distill.testing.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The champion served over OpenAI's API with a real broker and PostgreSQL: 503 until the served student (in tests
 * {@code student-served}) has a champion, a completion in OpenAI's shape once the gate promoted one (in tests the gate
 * is 0, so an untrained checkpoint is promoted), and a swap to a newer champion announced by another evaluator while
 * requests stream in fails none of them.
 */
@QuarkusTest
@WithTestResource(DistillTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServingTest {

    private static final String STUDENT = "student-served";
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A long answer (about 2 s on 2 cores), so that a stream lasts while a test acts on it. */
    private static final int LONG = 1000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ChampionHolder holder;

    @TestHTTPResource("/v1/chat/completions")
    URI completions;
    private static final String HELLO = "{\"model\":\"" + STUDENT + "\",\"max_tokens\":8,"
            + "\"messages\":[{\"role\":\"system\",\"content\":\"add\"},{\"role\":\"user\",\"content\":\"2+2?\"}]}";

    /** Checkpoint ids are unique per run: checkpoint directories are immutable and outlive the test. */
    private static CheckpointEvent checkpoint(String name, long seed) {
        String checkpointId = STUDENT + "-" + name + "-" + UUID.randomUUID();
        Path dir = Path.of("target", "test-checkpoints", checkpointId).toAbsolutePath();
        try (Student student = Student.create(StudentConfig.tiny(), seed)) {
            Checkpoints.save(student, dir, Map.of("step", 0));
            return new CheckpointEvent(1, STUDENT, checkpointId, seed, List.of("reference@v1"), 0, 0, 5.0,
                    dir.toUri().toString(), student.parameterCount(), Map.of("preset", "tiny"), Map.of(),
                    Instant.now());
        }
    }

    private static Response complete(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/chat/completions");
    }

    /** The request with {@code stream: true} and a usage chunk at the end. */
    private static String streamed(String body) {
        return body.replaceFirst("\\{", "{\"stream\":true,\"stream_options\":{\"include_usage\":true},");
    }

    private static void assertOpenAiError(Response response, int status, String type, String param) {
        JsonPath error = response.then().statusCode(status).contentType(ContentType.JSON).extract().jsonPath();
        assertThat(error.getString("error.type")).isEqualTo(type);
        assertThat(error.getString("error.param")).isEqualTo(param);
        assertThat(error.getString("error.message")).isNotBlank();
        assertThat(error.getMap("error")).containsKeys("param", "code");
    }

    @Test
    @Order(1)
    void beforeAChampionItAnswers503AndListsTheStudent() {
        assertOpenAiError(complete(HELLO), 503, "server_error", null);
        assertOpenAiError(complete(streamed(HELLO)), 503, "server_error", null);
        JsonPath models = given().get("/v1/models").then().statusCode(200).extract().jsonPath();
        assertThat(models.getString("object")).isEqualTo("list");
        assertThat(models.getList("data.id")).containsExactly(STUDENT);
        given().get("/v1/models/" + STUDENT).then().statusCode(200);
        assertOpenAiError(given().get("/v1/models/gpt-4o").andReturn(), 404, "invalid_request_error", "model");
    }

    @Test
    @Order(2)
    void malformedRequestsGet400InOpenAiShape() {
        assertOpenAiError(complete("{not json"), 400, "invalid_request_error", null);
        assertOpenAiError(complete("{\"model\":\"" + STUDENT + "\"}"), 400, "invalid_request_error", "messages");
        assertOpenAiError(complete("{\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}"), 400,
                "invalid_request_error", "messages[0].role");
        assertOpenAiError(complete("{\"messages\":[{\"role\":\"user\",\"content\":\"\"}]}"), 400,
                "invalid_request_error", "messages[0].content");
        assertOpenAiError(complete(HELLO.replace("{\"model\"", "{\"stream\":\"yes\",\"model\"")), 400,
                "invalid_request_error", "stream");
        assertOpenAiError(complete(HELLO.replace(STUDENT, "gpt-4o")), 404, "invalid_request_error", "model");
        assertOpenAiError(complete(streamed(HELLO.replace(STUDENT, "gpt-4o"))), 404, "invalid_request_error", "model");
    }

    @Test
    @Order(3)
    void aPromotedChampionAnswersInOpenAiShapeAndIsSwappedUnderLoadWithoutFailures() throws Exception {
        CheckpointEvent first = checkpoint("a", 1);
        String bootstrap = DistillTestResource.broker().bootstrapServers();
        TopicProbe.send(bootstrap, Topics.CHECKPOINTS, first.key(), EventCodec.toJson(first));
        BenchmarkEvent scored = EventCodec.fromJson(TopicProbe.await(bootstrap, Topics.BENCHMARKS, 1,
                r -> r.value().contains(first.checkpointId()), WAIT).get(0).value(), BenchmarkEvent.class);
        assertThat(scored.verdict()).isEqualTo("promoted");

        // the in-process swap runs when the promotion commits, before the BenchmarkEvent is sent
        Response answered = complete(HELLO);
        JsonPath completion = answered.then().statusCode(200).extract().jsonPath();
        assertThat(completion.getString("object")).isEqualTo("chat.completion");
        assertThat(completion.getString("id")).startsWith("chatcmpl-");
        assertThat(completion.getString("model")).isEqualTo(STUDENT);
        assertThat(completion.getString("system_fingerprint")).isEqualTo(first.checkpointId());
        assertThat(answered.header(ServingResource.CHECKPOINT_HEADER)).isEqualTo(first.checkpointId());
        assertThat(completion.getString("choices[0].message.role")).isEqualTo("assistant");
        assertThat(completion.getString("choices[0].message.content")).isNotNull();
        assertThat(completion.getString("choices[0].finish_reason")).isIn("stop", "length");
        // BOS, SYSTEM, "add", END_OF_TURN, USER, "2+2?", END_OF_TURN, ASSISTANT
        assertThat(completion.getInt("usage.prompt_tokens")).isEqualTo(13);
        assertThat(completion.getInt("usage.total_tokens"))
                .isEqualTo(13 + completion.getInt("usage.completion_tokens"));
        String seeded = HELLO.replace("\"max_tokens\":8", "\"max_tokens\":8,\"temperature\":1.0,\"seed\":5");
        assertThat(complete(seeded).jsonPath().getString("choices[0].message.content"))
                .isEqualTo(complete(seeded).jsonPath().getString("choices[0].message.content"));

        CheckpointEvent second = checkpoint("b", 2);
        Set<String> served = ConcurrentHashMap.newKeySet();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicInteger answers = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            clients.submit(() -> {
                while (running.get()) {
                    try {
                        Response response = complete(HELLO);
                        if (response.statusCode() == 200) {
                            served.add(response.jsonPath().getString("system_fingerprint"));
                            answers.incrementAndGet();
                        } else {
                            failures.add(response.statusCode() + " " + response.asString());
                        }
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                }
            });
        }
        awaitAnswers(answers, 8);

        // another evaluator promoted the second checkpoint: its champion row and its PromotionEvent
        QuarkusTransaction.requiringNew().run(() -> {
            Champion champion = Champion.findById(STUDENT);
            champion.checkpointId = second.checkpointId();
            champion.uri = second.uri();
        });
        PromotionEvent promotion = new PromotionEvent(PromotionEvent.SCHEMA_VERSION, STUDENT, second.checkpointId(),
                first.checkpointId(), "promoted by another evaluator", Instant.now());
        TopicProbe.send(bootstrap, Topics.PROMOTIONS, promotion.key(), EventCodec.toJson(promotion));

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!served.contains(second.checkpointId()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        int afterSwap = answers.get();
        awaitAnswers(answers, afterSwap + 8);
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(failures).isEmpty();
        assertThat(served).containsExactlyInAnyOrder(first.checkpointId(), second.checkpointId());
        assertThat(complete(HELLO).jsonPath().getString("system_fingerprint")).isEqualTo(second.checkpointId());

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("distill_serving_champion_info{checkpoint=\"" + second.checkpointId() + "\"")
                .doesNotContain("distill_serving_champion_info{checkpoint=\"" + first.checkpointId() + "\"")
                .contains("distill_serving_requests_total{outcome=\"ok\"")
                .contains("distill_serving_requests_total{outcome=\"invalid_request\"")
                .contains("distill_serving_latency_seconds{quantile=\"0.99\"");
    }

    @Test
    @Order(4)
    void streamsTheAnswerAsItIsGeneratedAndAPromotionMidStreamBreaksNothing() throws Exception {
        // untrained students of these seeds do not end their answer within LONG tokens (the second one's does)
        promote(checkpoint("c", 3));
        ServedModel streaming = served();
        String longAnswer = HELLO.replace("\"max_tokens\":8", "\"max_tokens\":" + LONG);
        JsonPath whole = complete(longAnswer).then().statusCode(200).extract().jsonPath();

        HttpResponse<InputStream> response = open(streamed(longAnswer));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(response.headers().firstValue(ServingResource.CHECKPOINT_HEADER)).contains(streaming.checkpointId());
        List<String> events = new ArrayList<>();
        CheckpointEvent next = checkpoint("d", 4);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            events.add(nextEvent(reader));
            events.add(nextEvent(reader));
            // promoted while the answer is being generated: new requests get the new champion, the stream goes on
            promote(next);
            assertThat(streaming.closed()).as("the stream still holds the champion it began with").isFalse();
            assertThat(complete(HELLO).jsonPath().getString("system_fingerprint")).isEqualTo(next.checkpointId());
            for (String event = nextEvent(reader); event != null; event = nextEvent(reader)) {
                events.add(event);
            }
        }

        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        // Jackson rather than JsonPath: a thousand chunks through Groovy take half a minute
        List<JsonNode> chunks = new ArrayList<>();
        for (String event : events.subList(0, events.size() - 1)) {
            chunks.add(JSON.readTree(event));
        }
        String id = chunks.get(0).path("id").asText();
        assertThat(id).startsWith("chatcmpl-");
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("id").asText()).isEqualTo(id);
            assertThat(chunk.path("model").asText()).isEqualTo(STUDENT);
            assertThat(chunk.path("system_fingerprint").asText()).isEqualTo(streaming.checkpointId());
        });
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        List<JsonNode> pieces = chunks.subList(1, chunks.size() - 2);
        assertThat(pieces).as("the answer comes in many pieces").hasSizeGreaterThan(10)
                .allSatisfy(piece -> assertThat(piece.at("/choices/0/finish_reason").isNull()).isTrue());
        String text = pieces.stream().map(piece -> piece.at("/choices/0/delta/content").asText())
                .collect(Collectors.joining());
        assertThat(text).as("greedy: the pieces add up to the answer in one body")
                .isEqualTo(whole.getString("choices[0].message.content"));
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertThat(finish.at("/choices/0/delta").isEmpty()).isTrue();
        assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo(whole.getString("choices[0].finish_reason"));
        JsonNode usage = chunks.get(chunks.size() - 1);
        assertThat(usage.path("choices").isArray() && usage.path("choices").isEmpty()).isTrue();
        assertThat(usage.path("usage").path("prompt_tokens").asInt()).isEqualTo(whole.getInt("usage.prompt_tokens"));
        assertThat(usage.path("usage").path("completion_tokens").asInt()).isEqualTo(LONG)
                .isEqualTo(whole.getInt("usage.completion_tokens"));
        assertThat(usage.path("usage").path("total_tokens").asInt()).isEqualTo(whole.getInt("usage.total_tokens"));

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!streaming.closed()) {
            assertThat(System.nanoTime()).as("the retired champion is closed once its stream ended").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    @Order(5)
    void aReaderThatGoesAwayStopsItsStream() throws Exception {
        double before = requests("disconnected");
        HttpResponse<InputStream> response = open(streamed(HELLO.replace("\"max_tokens\":8", "\"max_tokens\":" + LONG)));
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertThat(nextEvent(reader)).contains("assistant");
        reader.close();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (requests("disconnected") == before) {
            assertThat(System.nanoTime()).as("the stream noticed its reader left").isLessThan(deadline);
            Thread.sleep(50);
        }
        complete(HELLO).then().statusCode(200);
    }

    /** The champion served now, without holding it. */
    private ServedModel served() {
        try (ChampionHolder.Lease lease = holder.lease().orElseThrow()) {
            return lease.model();
        }
    }

    /** What another evaluator's promotion does here: the champion row changes, and the holder is told. */
    private void promote(CheckpointEvent checkpoint) {
        QuarkusTransaction.requiringNew().run(() -> {
            Champion champion = Champion.findById(STUDENT);
            champion.checkpointId = checkpoint.checkpointId();
            champion.uri = checkpoint.uri();
        });
        holder.refresh();
    }

    private HttpResponse<InputStream> open(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(completions).header("Content-Type", "application/json")
                // the official clients accept JSON even when they ask for a stream
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    /** The next server-sent event's data, or null at the end of the stream. */
    private static String nextEvent(BufferedReader reader) throws Exception {
        StringBuilder data = new StringBuilder();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty() && !data.isEmpty()) {
                return data.toString();
            }
            if (line.startsWith("data: ")) {
                data.append(line.substring(6));
            }
        }
        assertThat(data).as("an event cut off by the end of the stream").isEmpty();
        return null;
    }

    private static double requests(String outcome) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("distill_serving_requests_total\\{outcome=\"" + outcome + "\"} (\\S+)")
                .matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static void awaitAnswers(AtomicInteger answers, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (answers.get() < atLeast) {
            assertThat(System.nanoTime()).as("only %d answers", answers.get()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
