package dev.distill.evaluator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.distill.events.BenchmarkEvent;
import dev.distill.events.CheckpointEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.SuitePromptEvent;
import dev.distill.events.Topics;
import dev.distill.model.Checkpoints;
import dev.distill.model.Student;
import dev.distill.model.StudentConfig;
import dev.distill.testing.DistillTestResource;
import dev.distill.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Custom suites through REST: a valid file is stored and its prompts published for the curator, an invalid one is
 * rejected whole with its bad lines, a checkpoint is scored on the built-in and the custom suite (only the built-in
 * one judged), and deleting withdraws the prompts with tombstones.
 */
@QuarkusTest
@WithTestResource(DistillTestResource.class)
class CustomSuiteTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String FILE = """
            {"prompt":"What is 2+2? End with #### and the answer.","reference":4}
            {"prompt":"Name the capital of France.","reference":"Paris","verifier":"exact","skill":"geography"}

            {"prompt":"Solve for x: x - 40 = 2.","reference":"^x\\\\s*=\\\\s*42$","verifier":"regex","skill":"algebra"}
            """;

    @Test
    void aSuiteIsRegisteredPublishedScoredAndDeleted() {
        String bootstrap = DistillTestResource.broker().bootstrapServers();
        String name = "quiz-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            given().contentType("application/x-ndjson").body(FILE.getBytes(StandardCharsets.UTF_8)).post("/suites/" + name).then().statusCode(201)
                    .body("size", equalTo(3)).body("source", equalTo("custom"))
                    .body("skills.custom", equalTo(1)).body("skills.geography", equalTo(1));
            given().contentType("application/x-ndjson").body(FILE.getBytes(StandardCharsets.UTF_8)).post("/suites/" + name).then().statusCode(409);

            JsonPath suites = given().get("/suites").then().statusCode(200).extract().jsonPath();
            assertThat(suites.getString("[0].name")).isEqualTo("builtin");
            assertThat(suites.getString("[0].source")).isEqualTo("builtin");
            assertThat(suites.getInt("[0].size")).isEqualTo(20);
            assertThat(suites.getInt("find { it.name == '" + name + "' }.size")).isEqualTo(3);
            given().get("/suites/" + name).then().statusCode(200).body("size", equalTo(3))
                    .body("teacherBaselines.size()", equalTo(0)); // no teacher URL in this test

            List<SuitePromptEvent> published = TopicProbe.await(bootstrap, Topics.SUITE_PROMPTS, 3,
                    r -> r.key().startsWith(name + "/"), WAIT).stream()
                    .map(r -> EventCodec.fromJson(r.value(), SuitePromptEvent.class)).toList();
            assertThat(published).extracting(SuitePromptEvent::key)
                    .containsExactly(name + "/line-1", name + "/line-2", name + "/line-4"); // line 3 is blank
            assertThat(published.get(1).skill()).isEqualTo("geography");
            assertThat(published.get(1).messages().get(0).content()).isEqualTo("Name the capital of France.");

            CheckpointEvent checkpoint = checkpoint();
            TopicProbe.send(bootstrap, Topics.CHECKPOINTS, checkpoint.key(), EventCodec.toJson(checkpoint));
            List<BenchmarkEvent> benchmarks = TopicProbe.await(bootstrap, Topics.BENCHMARKS, 2,
                    r -> r.value().contains(checkpoint.checkpointId()), WAIT).stream()
                    .map(r -> EventCodec.fromJson(r.value(), BenchmarkEvent.class)).toList();
            assertThat(benchmarks).extracting(BenchmarkEvent::suite).containsExactly("builtin", name);
            BenchmarkEvent custom = benchmarks.get(1);
            assertThat(custom.prompts()).isEqualTo(3);
            assertThat(custom.perSkillAccuracy()).containsOnlyKeys("custom", "geography", "algebra");
            assertThat(custom.verdict()).isEqualTo("unjudged"); // the gate judges the built-in suite only
            assertThat(custom.teacherBaseline()).isNull();
            assertThat(custom.agreementWithTeacher()).isNull();
            assertThat(benchmarks.get(0).verdict()).isEqualTo("promoted");

            given().get("/leaderboard?limit=1000&suite=" + name).then().statusCode(200)
                    .body("suite", not(hasItem("builtin")))
                    .body("find { it.checkpointId == '" + checkpoint.checkpointId() + "' }.verdict", equalTo("unjudged"));
            given().get("/leaderboard?limit=1000").then().statusCode(200).body("suite", not(hasItem(name)))
                    .body("find { it.checkpointId == '" + checkpoint.checkpointId() + "' }.champion", equalTo(true));
            given().get("/benchmarks?suite=" + name).then().statusCode(200)
                    .body("[0].checkpointId", equalTo(checkpoint.checkpointId()));
        } catch (AssertionError | RuntimeException e) {
            given().delete("/suites/" + name); // other test classes share this app: leave no suite behind
            throw e;
        }
        given().delete("/suites/" + name).then().statusCode(204);
        given().get("/suites/" + name).then().statusCode(404);
        given().delete("/suites/" + name).then().statusCode(404);
        given().delete("/suites/builtin").then().statusCode(409);
        List<ConsumerRecord<String, String>> tombstones = TopicProbe.await(bootstrap, Topics.SUITE_PROMPTS, 3,
                r -> r.key().startsWith(name + "/") && r.value() == null, WAIT);
        assertThat(tombstones).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder(name + "/line-1", name + "/line-2", name + "/line-4");
    }

    @Test
    void aFileWithInvalidLinesIsRejectedWholeWithTheirNumbers() {
        String name = "broken-" + UUID.randomUUID().toString().substring(0, 8);
        String file = """
                {"prompt":"fine","reference":"1"}
                {"prompt":"no reference"}
                {"prompt":"fine too","reference":"2"}
                {"prompt":"bad verifier","reference":"3","verifier":"fuzzy"}
                """;
        JsonPath error = given().contentType("text/plain").body(file).post("/suites/" + name).then().statusCode(400)
                .extract().jsonPath();
        assertThat(error.getString("error")).isEqualTo("2 invalid lines; nothing was stored");
        assertThat(error.getList("lines.line", Integer.class)).containsExactly(2, 4);
        assertThat(error.getList("lines.reason", String.class))
                .containsExactly("missing \"reference\"", "verifier must be one of final-answer, exact, regex");
        given().get("/suites/" + name).then().statusCode(404);
        given().get("/suites").then().body("name", not(hasItem(name)));

        given().body("{\"prompt\":\"p\",\"reference\":\"1\"}").post("/suites/bad name!").then().statusCode(400);
        given().body("{\"prompt\":\"p\",\"reference\":\"1\"}").post("/suites/builtin").then().statusCode(409);
    }

    private static CheckpointEvent checkpoint() {
        String studentId = "student-" + UUID.randomUUID();
        String checkpointId = studentId + "-0";
        Path dir = Path.of("target", "test-checkpoints", checkpointId).toAbsolutePath();
        try (Student student = Student.create(StudentConfig.tiny(), 5)) {
            Checkpoints.save(student, dir, Map.of("step", 0));
            return new CheckpointEvent(1, studentId, checkpointId, 0, List.of("reference@v1"), 0, 0, 5.0,
                    dir.toUri().toString(), student.parameterCount(), Map.of("preset", "tiny"), Map.of(), Instant.now());
        }
    }
}
