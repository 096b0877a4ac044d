package dev.distill.evaluator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.evaluator.service.ReferenceCheck;
import dev.distill.events.BenchmarkEvent;
import dev.distill.events.CheckpointEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.Topics;
import dev.distill.model.ChatTurn;
import dev.distill.model.Checkpoints;
import dev.distill.model.Student;
import dev.distill.model.StudentConfig;
import dev.distill.skills.Problem;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import dev.distill.skills.Split;
import dev.distill.testing.DistillTestResource;
import dev.distill.testing.TopicProbe;
import io.quarkus.test.common.TestResourceScope;
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
import org.junit.jupiter.api.Test;

/**
 * The teacher baseline through a real HTTP server standing in for the gateway: the teacher's scripted answers make its
 * accuracy known exactly (all additions right, every other sorting wrong: 75% on the built-in suite), and on a custom
 * suite it repeats the student's own completions for two prompts, so the student's agreement is known exactly too.
 * A baseline the gateway answers with another teacher version fails, the events carry null, and it is tried again.
 */
@QuarkusTest
@WithTestResource(DistillTestResource.class)
// for every test class: a second application would start a second in-process broker (see FakeGateway)
@WithTestResource(value = FakeGateway.class, scope = TestResourceScope.GLOBAL)
class TeacherBaselineTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final List<String> CUSTOM_PROMPTS = List.of("Say alpha.", "Say beta.", "Say gamma.", "Say delta.");

    @Test
    void benchmarksCarryTheTeachersAccuracyAndTheStudentsAgreementWithIt() {
        scriptBuiltinAnswers();
        String suite = "agree-" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder file = new StringBuilder();
        for (String prompt : CUSTOM_PROMPTS) {
            String reference = prompt.substring(4, prompt.length() - 1);
            file.append("{\"prompt\":\"").append(prompt).append("\",\"reference\":\"").append(reference)
                    .append("\",\"verifier\":\"exact\"}\n");
        }
        given().contentType("application/x-ndjson").body(file.toString().getBytes(StandardCharsets.UTF_8))
                .post("/suites/" + suite).then().statusCode(201);
        try {
            String studentId = "student-" + UUID.randomUUID();
            CheckpointEvent first = checkpoint(studentId, 1, "fake@v1");
            List<String> own = studentCompletions(first);
            ReferenceCheck exact = ReferenceCheck.of("x", "exact");
            assertThat(own).allSatisfy(c -> assertThat(exact.answer(c)).isPresent()); // something to agree with
            // the teacher repeats the student on alpha and delta (wrong, but agreeing) and is right on beta and gamma
            FakeGateway.ANSWERS.put(CUSTOM_PROMPTS.get(0), own.get(0));
            FakeGateway.ANSWERS.put(CUSTOM_PROMPTS.get(1), "beta");
            FakeGateway.ANSWERS.put(CUSTOM_PROMPTS.get(2), "thinking...\n#### gamma");
            FakeGateway.ANSWERS.put(CUSTOM_PROMPTS.get(3), own.get(3));

            List<BenchmarkEvent> scored = scored(first, 2);
            BenchmarkEvent builtin = scored.get(0);
            assertThat(builtin.suite()).isEqualTo("builtin");
            assertThat(builtin.teacherBaseline()).isEqualTo(0.75);
            assertThat(builtin.perSkillTeacherBaseline()).isEqualTo(Map.of("addition", 1.0, "sorting", 0.5));
            assertThat(builtin.agreementWithTeacher()).isNotNull().isLessThan(0.1); // untrained: no right sums
            assertThat(builtin.perSkillAgreement()).containsOnlyKeys("addition", "sorting");
            BenchmarkEvent custom = scored.get(1);
            assertThat(custom.suite()).isEqualTo(suite);
            assertThat(custom.teacherBaseline()).isEqualTo(0.5);
            assertThat(custom.agreementWithTeacher()).isEqualTo(0.5);
            assertThat(custom.perSkillAgreement()).isEqualTo(Map.of("custom", 0.5));
            assertThat(FakeGateway.MODELS).isNotEmpty().containsOnly("fake"); // the teacher's name routes the proxy

            JsonPath baselines = given().get("/suites/builtin").then().statusCode(200).extract().jsonPath();
            assertThat(baselines.getString("teacherBaselines.find { it.teacherVersion == 'fake@v1' }.status"))
                    .isEqualTo("ready");
            assertThat(baselines.getDouble("teacherBaselines.find { it.teacherVersion == 'fake@v1' }.accuracy"))
                    .isEqualTo(0.75);
            JsonPath champion = given().get("/students/" + studentId + "/champion").then().statusCode(200).extract()
                    .jsonPath();
            assertThat(champion.getDouble("teacherBaseline")).isEqualTo(0.75);
            assertThat(given().get("/q/metrics").asString()).contains(
                    "distill_evaluator_teacher_baseline_accuracy{skill=\"sorting\",suite=\"builtin\",teacher_version=\"fake@v1\"} 0.5");

            // the gateway still answers with v1: no baseline for v2 yet, the benchmarks carry null
            int asked = FakeGateway.MODELS.size();
            CheckpointEvent second = checkpoint(studentId, 2, "fake@v2");
            assertThat(scored(second, 2)).allSatisfy(b -> {
                assertThat(b.teacherBaseline()).isNull();
                assertThat(b.agreementWithTeacher()).isNull();
            });
            assertThat(FakeGateway.MODELS.size()).isGreaterThan(asked); // v2 was asked (and answered by v1)
            assertThat(given().get("/suites/builtin").jsonPath()
                    .getString("teacherBaselines.find { it.teacherVersion == 'fake@v2' }.reason"))
                    .contains("answered with fake@v1, not fake@v2");

            // once the gateway serves v2, the failed baseline is tried again (retry-after is 1s in tests)
            FakeGateway.answeringVersion = "fake@v2";
            sleep(Duration.ofMillis(1500));
            CheckpointEvent third = checkpoint(studentId, 3, "fake@v2");
            assertThat(scored(third, 2)).extracting(BenchmarkEvent::teacherBaseline).containsExactly(0.75, 0.5);
        } finally {
            given().delete("/suites/" + suite);
        }
    }

    /** The test profile's built-in suite: 10 additions and 10 sortings at difficulty 2, seed 1000. */
    private static void scriptBuiltinAnswers() {
        for (String name : List.of("addition", "sorting")) {
            Skill skill = SkillSuite.builtIn().get(name);
            for (int i = 0; i < 10; i++) {
                Problem problem = skill.generate(Split.EVAL.seed(1000, i), 2);
                boolean right = name.equals("addition") || i % 2 == 0;
                FakeGateway.ANSWERS.put(problem.prompt(), right ? skill.solve(problem) : "#### not sorted");
            }
        }
    }

    /** What the evaluator's student will answer to the custom prompts: one batch, greedy, 64 tokens (as in %test). */
    private static List<String> studentCompletions(CheckpointEvent checkpoint) {
        try (Student student = Checkpoints.load(Path.of(java.net.URI.create(checkpoint.uri())))) {
            return student.generate(CUSTOM_PROMPTS.stream().map(p -> List.of(ChatTurn.user(p))).toList(), 64);
        }
    }

    private static List<BenchmarkEvent> scored(CheckpointEvent checkpoint, int suites) {
        String bootstrap = DistillTestResource.broker().bootstrapServers();
        TopicProbe.send(bootstrap, Topics.CHECKPOINTS, checkpoint.key(), EventCodec.toJson(checkpoint));
        return TopicProbe.await(bootstrap, Topics.BENCHMARKS, suites, r -> r.value().contains(checkpoint.checkpointId()),
                WAIT).stream().map(r -> EventCodec.fromJson(r.value(), BenchmarkEvent.class)).toList();
    }

    private static CheckpointEvent checkpoint(String studentId, int step, String teacherVersion) {
        String checkpointId = studentId + "-" + step;
        Path dir = Path.of("target", "test-checkpoints", checkpointId).toAbsolutePath();
        try (Student student = Student.create(StudentConfig.tiny(), 7)) {
            Checkpoints.save(student, dir, Map.of("step", step));
            return new CheckpointEvent(1, studentId, checkpointId, step, List.of(teacherVersion), 0, 0, 5.0,
                    dir.toUri().toString(), student.parameterCount(), Map.of("preset", "tiny"), Map.of(), Instant.now());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
