package dev.distill.trainer.service;

import dev.distill.events.CheckpointEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.distill.events.DistillEvent;
import dev.distill.events.EventCodec;
import dev.distill.model.Checkpoints;
import dev.distill.model.OptimizerState;
import dev.distill.model.Student;
import dev.distill.trainer.config.TrainerConfig;
import dev.distill.trainer.domain.CheckpointRecord;
import dev.distill.trainer.domain.TrainingSample;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Writes a checkpoint (files first, atomically), records it in the registry, then announces it. The registry row
 * holds the event until it is sent, so a CheckpointEvent lost to a crash or a broker outage is sent later.
 */
@ApplicationScoped
public class CheckpointWriter {

    private static final Logger LOG = Logger.getLogger(CheckpointWriter.class);
    private static final TypeReference<Map<String, Object>> STUDENT_CONFIG = new TypeReference<>() { };

    /**
     * Tells this process's checkpoints from those of an earlier run: after resuming from an older checkpoint the
     * same step numbers recur, and a checkpoint id must never name two different sets of parameters.
     */
    private final String attempt = HexFormat.of().toHexDigits(new SecureRandom().nextInt());

    @Inject
    TrainerConfig config;

    @Inject
    @Channel("checkpoints")
    Emitter<Record<String, DistillEvent>> checkpoints;

    /**
     * What the training loop knows at the moment of the checkpoint; {@code round} is the teacher version whose round
     * it is in (null before any was announced), started at {@code roundStartStep} from checkpoint {@code roundFrom}.
     */
    public record Progress(long step, long samplesSeen, long tokensSeen, double trainLoss, long lastSampleSeq,
            List<String> teacherVersions, String round, long roundStartStep, String roundFrom) {
    }

    /**
     * Writes, records and announces a checkpoint. Throws if the files or the registry row cannot be written (nothing
     * is recorded then); a failed announcement only leaves the row unpublished, to be sent again.
     */
    public CheckpointEvent write(Student student, OptimizerState optimizer, Progress progress) {
        String checkpointId = String.format(Locale.ROOT, "%s-%08d-%s", config.studentId(), progress.step(), attempt);
        Path dir = root().resolve(checkpointId);
        Map<String, Long> offsets = QuarkusTransaction.requiringNew()
                .call(() -> TrainingSample.nextOffsetsUpTo(progress.lastSampleSeq()));
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("studentId", config.studentId());
        training.put("step", progress.step());
        training.put("samplesSeen", progress.samplesSeen());
        training.put("tokensSeen", progress.tokensSeen());
        training.put("trainLoss", progress.trainLoss());
        training.put("teacherVersions", progress.teacherVersions());
        training.put("round", progress.round());
        training.put("roundStartStep", progress.roundStartStep());
        training.put("roundFrom", progress.roundFrom());
        training.put("loss", config.lossConfig()); // which objective these parameters come from, to compare runs
        training.put("consumedOffsets", offsets);
        Checkpoints.save(student, optimizer, dir, training); // refuses an existing directory: nothing recorded is overwritten

        CheckpointEvent event = new CheckpointEvent(CheckpointEvent.SCHEMA_VERSION, config.studentId(), checkpointId,
                progress.step(), progress.teacherVersions(), progress.samplesSeen(), progress.tokensSeen(),
                progress.trainLoss(), dir.toUri().toString(), student.parameterCount(), studentConfig(student),
                offsets, Instant.now());
        try {
            QuarkusTransaction.requiringNew().run(() -> record(event, progress).persist());
        } catch (RuntimeException e) {
            // unrecorded files would block a retry at the same step (same id), and nothing refers to them
            deleteRecursively(dir);
            throw e;
        }
        LOG.infof("checkpoint %s: step %d, loss %.4f, %d samples seen", checkpointId, progress.step(),
                progress.trainLoss(), progress.samplesSeen());
        try {
            publishPending();
        } catch (RuntimeException e) {
            LOG.warnf("checkpoint %s is recorded but not announced yet; it is sent after the next checkpoint or on"
                    + " restart: %s", checkpointId, e.getMessage());
        }
        applyRetention();
        return event;
    }

    /** Sends, oldest first, the CheckpointEvent of every registry row of this student not announced yet. */
    public void publishPending() {
        List<CheckpointRecord> pending = QuarkusTransaction.requiringNew()
                .call(() -> CheckpointRecord.unpublished(config.studentId()));
        for (CheckpointRecord row : pending) {
            CheckpointEvent event = EventCodec.fromJson(row.eventJson, CheckpointEvent.class);
            checkpoints.send(Record.of(event.key(), event)).toCompletableFuture().join();
            QuarkusTransaction.requiringNew().run(() -> CheckpointRecord.markPublished(row.checkpointId));
        }
    }

    private static FileTime lastModified(Path dir) {
        try {
            return Files.getLastModifiedTime(dir);
        } catch (IOException e) {
            return FileTime.fromMillis(0); // gone meanwhile: first in line for deletion, which then finds nothing
        }
    }

    private Path root() {
        return Path.of(config.checkpointDir()).toAbsolutePath().normalize();
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
        record.round = progress.round();
        record.roundStartStep = progress.roundStartStep();
        record.roundFrom = progress.roundFrom();
        record.createdAt = event.createdAt();
        record.published = false;
        record.eventJson = EventCodec.toJson(event);
        return record;
    }

    /**
     * Keeps the newest {@code keepCheckpoints} directories, and every one that was promoted to champion (the
     * evaluator serves it from there); the registry rows stay as history. Best effort: the checkpoint itself is
     * already written.
     */
    private void applyRetention() {
        Set<String> promoted = Set.copyOf(QuarkusTransaction.requiringNew()
                .call(() -> CheckpointRecord.promotedIds(config.studentId())));
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> list = Files.list(root())) {
            list.filter(p -> Files.isDirectory(p) && Checkpoints.isCheckpoint(p)
                            && p.getFileName().toString().startsWith(config.studentId() + "-")
                            && !promoted.contains(p.getFileName().toString()))
                    .forEach(dirs::add);
        } catch (IOException e) {
            LOG.warnf("could not list %s to delete old checkpoints: %s", root(), e.getMessage());
            return;
        }
        // newest written first: after resuming from an older checkpoint, step numbers (and so names) repeat lower
        dirs.sort(Comparator.comparing(CheckpointWriter::lastModified).reversed()
                .thenComparing(Comparator.comparing(Path::getFileName).reversed()));
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
            LOG.warnf("could not delete checkpoint directory %s: %s", dir, e.getMessage());
        }
    }
}
