package dev.distill.evaluator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.evaluator.domain.BenchmarkResult;
import dev.distill.evaluator.domain.UnscoredCheckpoint;
import dev.distill.events.CheckpointEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.Topics;
import dev.distill.model.Checkpoints;
import dev.distill.model.Student;
import dev.distill.model.StudentConfig;
import dev.distill.testing.DistillTestResource;
import dev.distill.testing.Eventually;
import dev.distill.testing.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(DistillTestResource.class)
class KeepingUpTest {

    private static CheckpointEvent checkpoint(String studentId, int step, Path dir, long parameters) {
        return new CheckpointEvent(1, studentId, studentId + "-" + step, step, List.of("reference@v1"), 0, 0, 5.0,
                dir.toUri().toString(), parameters, Map.of("preset", "tiny"), Map.of(), Instant.now());
    }

    private static Map.Entry<String, String> record(CheckpointEvent checkpoint) {
        return Map.entry(checkpoint.key(), EventCodec.toJson(checkpoint));
    }

    private static String status(String checkpointId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (BenchmarkResult.count("checkpointId", checkpointId) > 0) {
                return "scored";
            }
            UnscoredCheckpoint unscored = UnscoredCheckpoint.findById(checkpointId);
            return unscored == null ? null : unscored.status;
        });
    }

    private static void awaitStatus(String checkpointId, String expected) {
        Eventually.await(checkpointId + " " + expected, Duration.ofSeconds(90),
                () -> expected.equals(status(checkpointId)));
    }

    @Test
    void ofCheckpointsThatArriveTogetherOnlyTheNewestIsScoredAndTheOthersAreRecordedAsSkipped() {
        String studentId = "student-" + UUID.randomUUID();
        Path dir = Path.of("target", "test-checkpoints", studentId).toAbsolutePath();
        long parameters;
        try (Student student = Student.create(StudentConfig.tiny(), 3)) {
            Checkpoints.save(student, dir, Map.of("step", 0));
            parameters = student.parameterCount();
        }
        List<CheckpointEvent> burst = List.of(checkpoint(studentId, 100, dir, parameters),
                checkpoint(studentId, 300, dir, parameters), checkpoint(studentId, 200, dir, parameters));

        TopicProbe.sendAll(DistillTestResource.broker().bootstrapServers(), Topics.CHECKPOINTS,
                burst.stream().map(KeepingUpTest::record).toList());

        awaitStatus(studentId + "-300", "scored");
        assertThat(status(studentId + "-100")).isEqualTo("skipped");
        assertThat(status(studentId + "-200")).isEqualTo("skipped"); // arrived last, but an older step
        assertThat(given().get("/checkpoints/unscored").jsonPath()
                .getString("find { it.checkpointId == '" + studentId + "-100' }.reason"))
                .contains("superseded by " + studentId + "-300");
    }

    @Test
    void aCheckpointThatCannotBeLoadedIsRecordedAsFailedAndTheNextIsStillScored() {
        String broken = "student-" + UUID.randomUUID();
        String healthy = "student-" + UUID.randomUUID();
        Path dir = Path.of("target", "test-checkpoints", healthy).toAbsolutePath();
        long parameters;
        try (Student student = Student.create(StudentConfig.tiny(), 4)) {
            Checkpoints.save(student, dir, Map.of("step", 0));
            parameters = student.parameterCount();
        }
        CheckpointEvent missing = checkpoint(broken, 10, Path.of("target", "nowhere", broken).toAbsolutePath(), 1);
        CheckpointEvent fine = checkpoint(healthy, 10, dir, parameters);

        TopicProbe.sendAll(DistillTestResource.broker().bootstrapServers(), Topics.CHECKPOINTS,
                List.of(record(missing), record(fine)));

        awaitStatus(fine.checkpointId(), "scored");
        awaitStatus(missing.checkpointId(), "failed");
        UnscoredCheckpoint failed = QuarkusTransaction.requiringNew()
                .call(() -> UnscoredCheckpoint.findById(missing.checkpointId()));
        assertThat(failed.status).isEqualTo("failed");
        assertThat(failed.reason).contains("not a directory");
    }
}
