package dev.distill.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.events.CheckpointEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.PromotionEvent;
import dev.distill.events.Topics;
import dev.distill.model.OptimizerState;
import dev.distill.model.Student;
import dev.distill.model.StudentConfig;
import dev.distill.testing.DistillTestResource;
import dev.distill.testing.Eventually;
import dev.distill.testing.TopicProbe;
import dev.distill.trainer.domain.CheckpointRecord;
import dev.distill.trainer.service.CheckpointWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retention keeps one directory here, yet a checkpoint the evaluator promoted survives it: the serving evaluator
 * loads its champion from that directory. No samples are sent, so the training loop stays idle and the checkpoints
 * are written by the test itself, through the service's own writer.
 */
@QuarkusTest
@TestProfile(PromotedCheckpointsTest.KeepOne.class)
@WithTestResource(DistillTestResource.class)
class PromotedCheckpointsTest {

    public static class KeepOne implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a directory of its own, and checkpoints of earlier runs in it would not matter: retention goes by age
            return Map.of("distill.trainer.keep-checkpoints", "1",
                    "distill.trainer.checkpoint-dir", "target/promoted-checkpoints");
        }
    }

    @Inject
    CheckpointWriter writer;

    private static Path dir(CheckpointEvent checkpoint) {
        return Path.of(URI.create(checkpoint.uri()));
    }

    @Test
    void retentionNeverDeletesAPromotedCheckpoint() {
        try (Student student = Student.create(StudentConfig.tiny(), 5)) {
            CheckpointEvent champion = writer.write(student, OptimizerState.atStep(1, 0), progress(1));
            PromotionEvent promotion = new PromotionEvent(PromotionEvent.SCHEMA_VERSION, champion.studentId(),
                    champion.checkpointId(), null, "first champion", Instant.now());
            TopicProbe.send(DistillTestResource.broker().bootstrapServers(), Topics.PROMOTIONS, promotion.key(),
                    EventCodec.toJson(promotion));
            Eventually.await(champion.checkpointId() + " marked promoted", Duration.ofSeconds(60),
                    () -> QuarkusTransaction.requiringNew().call(() -> CheckpointRecord
                            .<CheckpointRecord>findById(champion.checkpointId()).promotedAt) != null);

            CheckpointEvent second = writer.write(student, OptimizerState.atStep(2, 0), progress(2));
            CheckpointEvent third = writer.write(student, OptimizerState.atStep(3, 0), progress(3));

            assertThat(Files.isDirectory(dir(champion))).as("the champion").isTrue();
            assertThat(Files.exists(dir(second))).as("an unpromoted older checkpoint").isFalse();
            assertThat(Files.isDirectory(dir(third))).as("the newest").isTrue();
        }
    }

    private static CheckpointWriter.Progress progress(long step) {
        return new CheckpointWriter.Progress(step, 0, 0, 1.0, 0, List.of("reference@v1"), null, 0, null);
    }
}
