package dev.distill.trainer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.distill.events.ChatMessage;
import dev.distill.events.CheckpointEvent;
import dev.distill.events.CuratedSampleEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.TeacherRef;
import dev.distill.events.Topics;
import dev.distill.model.Checkpoints;
import dev.distill.model.Student;
import dev.distill.skills.Addition;
import dev.distill.skills.Problem;
import dev.distill.skills.Split;
import dev.distill.testing.DistillTestResource;
import dev.distill.testing.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(DistillTestResource.class)
class TrainerTest {

    @Inject
    MeterRegistry registry;

    private static final TeacherRef TEACHER = new TeacherRef("reference", "reference-teacher", "v1");

    @Test
    void trainsOnCuratedSamplesAndPublishesLoadableCheckpoints() {
        String bootstrap = DistillTestResource.broker().bootstrapServers();
        Addition addition = new Addition();
        for (int i = 0; i < 64; i++) {
            Problem problem = addition.generate(Split.TRAIN.seed(1, i), 1);
            CuratedSampleEvent sample = new CuratedSampleEvent(1, "s-" + i, "p-" + i, TEACHER,
                    List.of(ChatMessage.user(problem.prompt()), ChatMessage.assistant(addition.solve(problem))),
                    List.of(), "addition", "train", Map.of(), "reference@v1", Instant.now());
            TopicProbe.send(bootstrap, Topics.SAMPLES_CURATED, sample.key(), EventCodec.toJson(sample));
            if (i == 10) { // a redelivered sample must be stored once
                TopicProbe.send(bootstrap, Topics.SAMPLES_CURATED, sample.key(), EventCodec.toJson(sample));
            }
        }

        List<ConsumerRecord<String, String>> records = TopicProbe.await(bootstrap, Topics.CHECKPOINTS, 2,
                r -> true, Duration.ofSeconds(90));
        CheckpointEvent first = EventCodec.fromJson(records.get(0).value(), CheckpointEvent.class);
        CheckpointEvent last = EventCodec.fromJson(records.get(1).value(), CheckpointEvent.class);

        assertThat(TopicProbe.headers(records.get(1))).containsEntry("ce_id", "checkpoint:" + last.checkpointId())
                .containsEntry("ce_type", "dev.distill.checkpoint.v1").containsKey("ce_time");
        assertThat(first.step()).isEqualTo(10);
        assertThat(last.step()).isEqualTo(20);
        assertThat(last.studentId()).isEqualTo("student-addition");
        assertThat(last.teacherVersions()).containsExactly("reference@v1");
        assertThat(last.samplesSeen()).isGreaterThan(0).isLessThanOrEqualTo(64);
        assertThat(last.tokensSeen()).isGreaterThan(first.tokensSeen());
        assertThat(last.trainLoss()).isLessThan(first.trainLoss());
        assertThat(last.consumedOffsets()).isNotEmpty();
        assertThat(last.studentConfig()).containsEntry("dModel", 64).containsEntry("positions", "learned")
                .containsKeys("vocabSize", "heads", "layers", "ffDim", "maxSeqLen");
        try (Student student = Checkpoints.load(Path.of(URI.create(last.uri())))) {
            assertThat(student.parameterCount()).isEqualTo(last.parameterCount());
        }

        given().get("/training").then().statusCode(200).body("step", equalTo(20))
                .body("samplesStored", equalTo(64)).body("state", equalTo("step budget reached"));
        given().get("/checkpoints").then().statusCode(200).body("size()", equalTo(2));
    }

    @Test
    void aMalformedSampleGoesToTheDeadLetterTopicWithTheReason() {
        String bootstrap = DistillTestResource.broker().bootstrapServers();
        double deadLettersBefore = deadLetters();
        TopicProbe.send(bootstrap, Topics.SAMPLES_CURATED, "bad", "{\"schemaVersion\":1,\"sampleId\":\"x\"}");

        ConsumerRecord<String, String> dead = TopicProbe.await(bootstrap, Topics.dlq(Topics.SAMPLES_CURATED), 1,
                r -> "bad".equals(r.key()), Duration.ofSeconds(30)).get(0);

        assertThat(TopicProbe.headers(dead).get("dead-letter-reason")).contains("missing required field");
        assertThat(deadLetters()).isGreaterThanOrEqualTo(deadLettersBefore + 1);
    }

    private double deadLetters() {
        return registry.counter("distill.dead.letters", "topic", Topics.SAMPLES_CURATED).count();
    }

    @Test
    void healthIsUpWithKafkaAndPostgres() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200);
    }
}
