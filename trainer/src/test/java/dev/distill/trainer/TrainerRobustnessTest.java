package dev.distill.trainer;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.distill.testing.Eventually;
import dev.distill.testing.TopicProbe;
import dev.distill.trainer.config.TrainerConfig;
import dev.distill.trainer.domain.CheckpointRecord;
import dev.distill.trainer.service.CheckpointWriter;
import dev.distill.trainer.service.TrainingLoop;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Bad samples and a checkpoint volume that goes away must not stop training; lost announcements are re-sent. */
@QuarkusTest
@WithTestResource(DistillTestResource.class)
class TrainerRobustnessTest {

    private static final TeacherRef TEACHER = new TeacherRef("reference", "reference-teacher", "v1");

    @Inject
    TrainerConfig config;

    @Inject
    TrainingLoop loop;

    @Inject
    CheckpointWriter writer;

    @Inject
    MeterRegistry registry;

    @Test
    void badSamplesAndAFailingCheckpointDirectoryDoNotStopTraining() throws IOException {
        String bootstrap = DistillTestResource.broker().bootstrapServers();
        Path dir = Path.of(config.checkpointDir()).toAbsolutePath();
        deleteRecursively(dir);
        Files.writeString(dir, "the volume went away after startup"); // every save now fails
        try {
            trainThroughBadSamplesAndAFailedCheckpoint(bootstrap, dir);
        } finally {
            if (Files.isRegularFile(dir)) {
                Files.delete(dir); // it would fail the next run's startup check
            }
        }
    }

    private void trainThroughBadSamplesAndAFailedCheckpoint(String bootstrap, Path dir) throws IOException {
        Map<String, String> samples = new LinkedHashMap<>();
        put(samples, sample("tool-role", List.of(new ChatMessage("tool", "output"), ChatMessage.user("1+1="),
                ChatMessage.assistant("2"))));
        put(samples, sample("too-long", List.of(ChatMessage.user("9".repeat(300) + "+1="),
                ChatMessage.assistant("1" + "0".repeat(300)))));
        Addition addition = new Addition();
        for (int i = 0; i < 48; i++) {
            Problem problem = addition.generate(Split.TRAIN.seed(2, i), 1);
            put(samples, sample("good-" + i, List.of(ChatMessage.user(problem.prompt()),
                    ChatMessage.assistant(addition.solve(problem)))));
        }
        TopicProbe.sendAll(bootstrap, Topics.SAMPLES_CURATED, samples);

        Eventually.await("every sample taken in, a failed checkpoint and training past it", Duration.ofSeconds(60),
                () -> counter("distill_trainer_checkpoint_failures_total") >= 1 && loop.status().step() > 10
                && loop.status().samplesStored() >= 49 && badRoleDrops() >= 1);
        assertThat(loop.status().state()).doesNotStartWith("failed");
        assertThat(badRoleDrops()).isEqualTo(1.0);
        assertThat(counter("distill_trainer_samples_truncated_total")).isEqualTo(1.0);
        assertThat(loop.status().samplesStored()).isEqualTo(49); // the good ones and the truncated one

        Files.delete(dir); // the volume is back: the next interval or the retry writes a checkpoint
        ConsumerRecord<String, String> announced = TopicProbe.await(bootstrap, Topics.CHECKPOINTS, 1,
                r -> EventCodec.fromJson(r.value(), CheckpointEvent.class).step() <= config.maxSteps(),
                Duration.ofSeconds(60)).get(0);
        CheckpointEvent event = EventCodec.fromJson(announced.value(), CheckpointEvent.class);
        assertThat(event.checkpointId()).startsWith(config.studentId() + "-").matches(".*-\\d{8}-[0-9a-f]{8}");
        try (Student student = Checkpoints.load(Path.of(URI.create(event.uri())))) {
            assertThat(student.parameterCount()).isEqualTo(event.parameterCount());
        }
        // the row is marked once the send is acknowledged, which may be just after the probe has read the event
        Eventually.await("the registry row marked published", Duration.ofSeconds(60),
                () -> QuarkusTransaction.requiringNew()
                .call(() -> CheckpointRecord.<CheckpointRecord>findById(event.checkpointId()).published));
    }

    @Test
    void aCheckpointRecordedButNotAnnouncedIsAnnouncedLater() {
        CheckpointEvent event = new CheckpointEvent(CheckpointEvent.SCHEMA_VERSION, config.studentId(),
                config.studentId() + "-00000999-deadbeef", 999, List.of("reference@v1"), 5, 500, 0.5,
                "file:///nowhere/" + config.studentId() + "-00000999-deadbeef", 109191, Map.of("dModel", 64),
                Map.of(Topics.SAMPLES_CURATED + "-0", 5L), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        QuarkusTransaction.requiringNew().run(() -> {
            CheckpointRecord row = new CheckpointRecord();
            row.checkpointId = event.checkpointId();
            row.studentId = event.studentId();
            row.step = event.step();
            row.samplesSeen = event.samplesSeen();
            row.tokensSeen = event.tokensSeen();
            row.trainLoss = event.trainLoss();
            row.uri = event.uri();
            row.parameterCount = event.parameterCount();
            row.teacherVersions = "reference@v1";
            row.lastSampleSeq = 5;
            row.createdAt = event.createdAt();
            row.published = false; // the process died between the registry row and the send
            row.eventJson = EventCodec.toJson(event);
            row.persist();
        });

        writer.publishPending();

        ConsumerRecord<String, String> announced = TopicProbe.await(DistillTestResource.broker().bootstrapServers(),
                Topics.CHECKPOINTS, 1, r -> r.value().contains(event.checkpointId()), Duration.ofSeconds(30)).get(0);
        assertThat(EventCodec.fromJson(announced.value(), CheckpointEvent.class)).isEqualTo(event);
        assertThat(QuarkusTransaction.requiringNew().call(
                () -> CheckpointRecord.<CheckpointRecord>findById(event.checkpointId()).published)).isTrue();
    }

    private double badRoleDrops() {
        return registry.find("distill_trainer_samples_dropped_total").tag("reason", "bad-role").counter().count();
    }

    private double counter(String name) {
        return registry.find(name).counter().count();
    }

    private static CuratedSampleEvent sample(String id, List<ChatMessage> messages) {
        return new CuratedSampleEvent(1, "robust-" + id, "p-" + id, TEACHER, messages, List.of(), "addition", "train",
                Map.of(), "reference@v1", Instant.now());
    }

    private static void put(Map<String, String> records, CuratedSampleEvent sample) {
        records.put(sample.key(), EventCodec.toJson(sample));
    }


    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
