package dev.distill.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.distill.events.EventCodec;
import dev.distill.events.TeacherRef;
import dev.distill.events.Topics;
import dev.distill.testing.TopicProbe;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI client library (the {@code openai} npm package, run by Node.js) asks the evaluator's serving
 * endpoint for answers, streamed and whole, in a loop while the trainer writes checkpoints and the evaluator promotes
 * them: no request fails, and the answers come from more than one champion. The gate is set so that any checkpoint at
 * least as good as the champion is promoted (an untrained student scores 0, so every checkpoint is), which makes
 * promotions frequent without a teacher: the stack is only the broker, the trainer (fed curated samples directly) and
 * the evaluator.
 */
class ServingClientIT {

    /** The same pinned client as OpenAiClientIT's, installed into the same folder (once for both). */
    private static final String STUDENT = "student-addition";
    private static final TeacherRef TEACHER = new TeacherRef("reference", "reference-teacher", "v1");
    private static final int SAMPLES = 300;
    /** Promotions to see while the client loops; the trainer writes a checkpoint every 10 steps up to its budget. */
    private static final int PROMOTIONS = 3;
    private static final Duration LOOP_LIMIT = Duration.ofMinutes(2);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theOfficialClientGetsEveryAnswerWhileChampionsArePromoted() throws Exception {
        Path repo = Path.of("").toAbsolutePath().getParent().getParent();
        Path client = OpenAiNodeClient.install(repo.resolve("deploy/local/target/openai-client"), "serving-loop.mjs");
        Map<String, Map<String, String>> props = Map.of(
                "trainer", Map.of(
                        "distill.trainer.student-id", STUDENT,
                        "distill.trainer.checkpoint-every", "10",
                        "distill.trainer.max-steps", "120"),
                "evaluator", Map.of(
                        "distill.evaluator.serving.student", STUDENT,
                        "distill.evaluator.builtin.skills", "addition",
                        "distill.evaluator.builtin.prompts", "4",
                        "distill.evaluator.max-new-tokens", "24",
                        "distill.evaluator.gate", "0",
                        "distill.evaluator.promotion.margin", "0",
                        "distill.evaluator.promotion.max-skill-drop", "1"));
        StackOptions options = new StackOptions(repo, repo.resolve("deploy/local/target/serving-client"),
                StackPorts.free(), "distill_serving_client", true, "v1", props, Set.of("trainer", "evaluator"));
        ProgressLog out = new ProgressLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);

        try (LocalStack stack = LocalStack.start(options, out)) {
            String evaluator = stack.url("evaluator");
            TopicProbe.sendAll(stack.bootstrapServers(), Topics.SAMPLES_CURATED, CuratedAdditions.records(TEACHER, SAMPLES, 5));
            awaitChampion(evaluator, Duration.ofMinutes(2));

            Path stop = client.resolve("stop");
            Files.deleteIfExists(stop);
            Path output = client.resolve("serving-loop.out");
            Process loop = new ProcessBuilder("node", "serving-loop.mjs", evaluator + "/v1", STUDENT, stop.toString())
                    .directory(client.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            List<String> champions = new ArrayList<>();
            try {
                Instant deadline = Instant.now().plus(LOOP_LIMIT);
                // promotions count from the client's first answer on (Node.js takes a moment to start)
                while (!Files.readString(output).contains("answered") && loop.isAlive()) {
                    assertThat(Instant.now()).as("the client's first answer").isBefore(deadline);
                    Thread.sleep(100);
                }
                championNow(evaluator).ifPresent(champions::add);
                while (champions.size() <= PROMOTIONS && Instant.now().isBefore(deadline) && loop.isAlive()) {
                    String previous = champions.get(champions.size() - 1);
                    championNow(evaluator).filter(c -> !c.equals(previous)).ifPresent(champions::add);
                    Thread.sleep(200);
                }
                Thread.sleep(2000); // a few more requests to the last champion
            } finally {
                Files.writeString(stop, "stop");
                assertThat(loop.waitFor(60, TimeUnit.SECONDS)).as("the client loop stops").isTrue();
            }
            String printed = Files.readString(output);
            long answers = printed.lines().filter(line -> line.startsWith("answered")).count();
            System.out.printf("champions while the client looped: %s; %d answers; client: %s%n", champions, answers,
                    printed.lines().reduce((a, b) -> b).orElse(""));
            assertThat(loop.exitValue()).as(printed).isZero();
            JsonNode summary = EventCodec.mapper().readTree(printed.lines().reduce((a, b) -> b).orElseThrow());

            assertThat(champions).as("promotions while the client looped").hasSizeGreaterThan(1);
            assertThat(summary.path("failures")).as("failed requests").isEmpty();
            assertThat(summary.path("streamed").asInt()).isPositive();
            assertThat(summary.path("whole").asInt()).isPositive();
            Set<String> answeredBy = new LinkedHashSet<>();
            summary.path("checkpoints").forEach(c -> answeredBy.add(c.asText()));
            assertThat(answeredBy).as("champions that answered").hasSizeGreaterThanOrEqualTo(2);
            // every checkpoint that answered became champion through the gate
            for (String checkpoint : answeredBy) {
                TopicProbe.await(stack.bootstrapServers(), Topics.PROMOTIONS, 1, r -> r.value().contains(checkpoint),
                        Duration.ofSeconds(20));
            }
        }
    }

    private void awaitChampion(String evaluator, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (championNow(evaluator).isPresent()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(STUDENT + " has no champion after " + timeout);
    }

    private Optional<String> championNow(String evaluator) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(evaluator + "/students/" + STUDENT + "/champion")).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200
                ? Optional.of(EventCodec.mapper().readTree(response.body()).path("checkpointId").asText())
                : Optional.empty();
    }
}
