package dev.distill.trainer.service;

import dev.distill.events.CheckpointEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.distill.events.DistillEvent;
import dev.distill.events.EventCodec;
import dev.distill.model.Checkpoints;
import dev.distill.model.Student;
import dev.distill.trainer.config.TrainerConfig;
import dev.distill.trainer.domain.CheckpointRecord;
import dev.distill.trainer.domain.TrainingSample;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/** Writes a checkpoint (files first, atomically), records it in the registry, then announces it. */
@ApplicationScoped
public class CheckpointWriter {

    private static final Logger LOG = Logger.getLogger(CheckpointWriter.class);
    private static final TypeReference<Map<String, Object>> STUDENT_CONFIG = new TypeReference<>() { };

    @Inject
    TrainerConfig config;

    @Inject
    @Channel("checkpoints")
    Emitter<Record<String, DistillEvent>> checkpoints;

    /** What the training loop knows at the moment of the checkpoint. */
    public record Progress(long step, long samplesSeen, long tokensSeen, double trainLoss, long lastSampleSeq,
            List<String> teacherVersions) {
    }

    public CheckpointEvent write(Student student, Progress progress) {
        String checkpointId = String.format(Locale.ROOT, "%s-%08d", config.studentId(), progress.step());
        Path dir = Path.of(config.checkpointDir()).toAbsolutePath().normalize().resolve(checkpointId);
        Map<String, Long> offsets = QuarkusTransaction.requiringNew()
                .call(() -> TrainingSample.nextOffsetsUpTo(progress.lastSampleSeq()));
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("studentId", config.studentId());
        training.put("step", progress.step());
        training.put("samplesSeen", progress.samplesSeen());
        training.put("tokensSeen", progress.tokensSeen());
        training.put("trainLoss", progress.trainLoss());
        training.put("teacherVersions", progress.teacherVersions());
        training.put("consumedOffsets", offsets);
        if (Files.exists(dir)) {
            // files without a registry row: left by a crash between writing and recording. Training resumed from the
            // last recorded checkpoint, so these parameters are not the ones we hold now: replace them.
            LOG.warnf("replacing unrecorded checkpoint directory %s", dir);
            deleteRecursively(dir);
        }
        Checkpoints.save(student, dir, training);

        CheckpointEvent event = new CheckpointEvent(CheckpointEvent.SCHEMA_VERSION, config.studentId(), checkpointId,
                progress.step(), progress.teacherVersions(), progress.samplesSeen(), progress.tokensSeen(),
                progress.trainLoss(), dir.toUri().toString(), student.parameterCount(), studentConfig(student),
                offsets, Instant.now());
        QuarkusTransaction.requiringNew().run(() -> {
            if (CheckpointRecord.findById(checkpointId) == null) {
                record(event, progress).persist();
            }
        });
        checkpoints.send(Record.of(event.key(), event)).toCompletableFuture().join();
        LOG.infof("checkpoint %s: step %d, loss %.4f, %d samples seen", checkpointId, progress.step(),
                progress.trainLoss(), progress.samplesSeen());
        applyRetention();
        return event;
    }

    /** The model's shape in the same JSON form as the checkpoint's config.json. */
    private static Map<String, Object> studentConfig(Student student) {
        return EventCodec.mapper().convertValue(student.config(), STUDENT_CONFIG);
    }

    private CheckpointRecord record(CheckpointEvent event, Progress progress) {
        CheckpointRecord record = new CheckpointRecord();
        record.checkpointId = event.checkpointId();
        record.studentId = event.studentId();
        record.step = event.step();
        record.samplesSeen = event.samplesSeen();
        record.tokensSeen = event.tokensSeen();
        record.trainLoss = event.trainLoss();
        record.uri = event.uri();
        record.parameterCount = event.parameterCount();
        record.teacherVersions = String.join(",", event.teacherVersions());
        record.lastSampleSeq = progress.lastSampleSeq();
        record.createdAt = event.createdAt();
        return record;
    }

    /** Keeps the newest {@code keepCheckpoints} directories; the registry rows stay as history. */
    private void applyRetention() {
        Path root = Path.of(config.checkpointDir()).toAbsolutePath().normalize();
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> list = Files.list(root)) {
            list.filter(p -> Files.isDirectory(p) && Checkpoints.isCheckpoint(p)
                            && p.getFileName().toString().startsWith(config.studentId() + "-"))
                    .sorted(Comparator.comparing(Path::getFileName).reversed())
                    .forEach(dirs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path old : dirs.subList(Math.min(dirs.size(), config.keepCheckpoints()), dirs.size())) {
            deleteRecursively(old);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warnf("could not delete old checkpoint %s: %s", dir, e.getMessage());
        }
    }
}
