package dev.distill.evaluator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.distill.evaluator.domain.BenchmarkResult;
import dev.distill.events.BenchmarkEvent;
import dev.distill.events.CheckpointEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.Topics;
import dev.distill.model.Checkpoints;
import dev.distill.model.Student;
import dev.distill.model.StudentConfig;
import dev.distill.testing.DistillTestResource;
import dev.distill.testing.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(DistillTestResource.class)
class EvaluatorTest {

    @Inject
    MeterRegistry registry;

    @Test
    void scoresACheckpointOnceAndPublishesItsBenchmark() {
        String bootstrap = DistillTestResource.broker().bootstrapServers();
        String checkpointId = "untrained-" + UUID.randomUUID();
        Path dir = Path.of("target", "test-checkpoints", checkpointId).toAbsolutePath();
        long parameters;
        try (Student student = Student.create(StudentConfig.tiny(), 1)) {
            Checkpoints.save(student, dir, Map.of("step", 0));
            parameters = student.parameterCount();
        }
        CheckpointEvent checkpoint = new CheckpointEvent(1, "student-" + UUID.randomUUID(), checkpointId, 0, List.of("reference@v1"), 0, 0,
                5.0, dir.toUri().toString(), parameters, Map.of("preset", "tiny"), Map.of(), Instant.now());
        TopicProbe.send(bootstrap, Topics.CHECKPOINTS, checkpoint.key(), EventCodec.toJson(checkpoint));
        TopicProbe.send(bootstrap, Topics.CHECKPOINTS, checkpoint.key(), EventCodec.toJson(checkpoint)); // redelivery

        List<ConsumerRecord<String, String>> records = TopicProbe.await(bootstrap, Topics.BENCHMARKS, 2,
                r -> r.value().contains(checkpointId), Duration.ofSeconds(90));
        BenchmarkEvent benchmark = EventCodec.fromJson(records.get(0).value(), BenchmarkEvent.class);

        assertThat(benchmark.suite()).isEqualTo("builtin");
        assertThat(benchmark.prompts()).isEqualTo(20);
        assertThat(benchmark.perSkillAccuracy()).containsOnlyKeys("addition", "sorting"); // the configured skills
        // an untrained byte-level model never writes "#### <the right sum>"
        assertThat(benchmark.accuracy()).isLessThan(0.1);
        assertThat(benchmark.verdict()).isEqualTo("promoted"); // the gate is 0 in tests: the first of its student
        assertThat(benchmark.teacherVersion()).isEqualTo("reference@v1");
        assertThat(benchmark.tokensPerSecond()).isPositive();
        // the answer latency's tail is at least its mean; the student's size is the checkpoint's
        assertThat(benchmark.latencyP99Ms()).isGreaterThanOrEqualTo(benchmark.latencyMsPerPrompt());
        assertThat(benchmark.parameterCount()).isEqualTo(parameters);
        assertThat(benchmark.checkpointBytes()).isGreaterThan(4 * parameters); // float32 parameters and the files
        assertThat(EventCodec.fromJson(records.get(1).value(), BenchmarkEvent.class)).isEqualTo(benchmark);
        assertThat(TopicProbe.headers(records.get(0))).containsEntry("ce_type", "dev.distill.benchmark.v1")
                .containsEntry("ce_id", benchmark.eventId());
        long rows = QuarkusTransaction.requiringNew().call(() -> BenchmarkResult.count("checkpointId", checkpointId));
        assertThat(rows).isEqualTo(1);
        given().get("/benchmarks").then().statusCode(200).body("[0].checkpointId", equalTo(checkpointId));
    }

    @Test
    void aMalformedCheckpointGoesToTheDeadLetterTopicWithTheReason() {
        String bootstrap = DistillTestResource.broker().bootstrapServers();
        double deadLettersBefore = deadLetters();
        TopicProbe.send(bootstrap, Topics.CHECKPOINTS, "broken", "not json at all");

        ConsumerRecord<String, String> dead = TopicProbe.await(bootstrap, Topics.dlq(Topics.CHECKPOINTS), 1,
                r -> "broken".equals(r.key()), Duration.ofSeconds(30)).get(0);

        assertThat(dead.value()).isEqualTo("not json at all");
        assertThat(TopicProbe.headers(dead).get("dead-letter-reason")).contains("not valid JSON");
        assertThat(deadLetters()).isGreaterThanOrEqualTo(deadLettersBefore + 1);
    }

    private double deadLetters() {
        return registry.counter("distill.dead.letters", "topic", Topics.CHECKPOINTS).count();
    }

    @Test
    void healthIsUpWithKafkaAndPostgres() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
