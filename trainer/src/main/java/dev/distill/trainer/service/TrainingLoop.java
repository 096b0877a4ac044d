package dev.distill.trainer.service;

import dev.distill.events.CheckpointEvent;
import dev.distill.model.DjlEnvironment;
import dev.distill.model.EncodedExample;
import dev.distill.model.LossConfig;
import dev.distill.model.Student;
import dev.distill.model.StudentConfig;
import dev.distill.model.StudentTrainer;
import dev.distill.model.TrainStep;
import dev.distill.model.TrainingConfig;
import dev.distill.trainer.config.TrainerConfig;
import dev.distill.trainer.domain.CheckpointRecord;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The trainer's one training thread. It resumes from the student's newest readable checkpoint, trains on stored
 * samples as they arrive (new ones first, then replay) with cross-entropy or top-k distillation, checkpoints every N
 * steps, and sleeps when there is nothing to do. Neither a bad sample nor a failed checkpoint stops it.
 */
@ApplicationScoped
public class TrainingLoop {

    private static final Logger LOG = Logger.getLogger(TrainingLoop.class);
    /** Long enough to span many steps, short enough for a rate that follows changes. */
    private static final Duration THROUGHPUT_WINDOW = Duration.ofSeconds(2);

    @Inject
    TrainerConfig config;

    @Inject
    CheckpointWriter checkpoints;

    @Inject
    BadSampleCounter badSamples;

    @Inject
    TeacherTargetCounter teacherTargets;

    @Inject
    TrainingMetrics metrics;

    private final AtomicReference<TrainingStatus> status = new AtomicReference<>();
    private volatile boolean running;
    private Thread thread;
    /** Used by the training thread only. */
    private String latestId;
    /** Whether the last checkpoint failed; it is retried from System.nanoTime() {@code retryAt} on. */
    private boolean retryPending;
    private long retryAt;
    private LossConfig loss;

    void start(@Observes StartupEvent event) {
        CheckpointDirectory.requireWritable(Path.of(config.checkpointDir())); // fails startup with the cause
        loss = config.lossConfig(); // weights the model refuses fail startup, not the training thread
        metrics.watch(status::get);
        status.set(new TrainingStatus(config.studentId(), "starting", 0, config.maxSteps(), Double.NaN, Double.NaN,
                Double.NaN, 0, 0, 0, 0, null, 0, 0));
        running = true;
        thread = new Thread(this::runSafely, "training-loop");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(30_000); // let the current step finish; native calls are not interruptible
        }
    }

    public TrainingStatus status() {
        return status.get();
    }

    private void runSafely() {
        try {
            run();
        } catch (RuntimeException | Error e) {
            LOG.error("training loop stopped", e);
            TrainingStatus last = status.get();
            status.set(new TrainingStatus(last.studentId(), "failed: " + e.getMessage(), last.step(), last.maxSteps(),
                    last.loss(), last.lossCrossEntropy(), last.lossDistillation(), last.learningRate(),
                    last.samplesStored(), last.samplesUntrained(), last.tokensSeen(), last.latestCheckpoint(), 0, 0));
        }
    }

    private void run() {
        if (config.threads() > 0) {
            DjlEnvironment.setIntraOpThreads(config.threads());
        }
        announceUnpublishedCheckpoints();
        Optional<CheckpointFallback.Resumed> resumed = resume();
        Optional<CheckpointRecord> latest = resumed.map(CheckpointFallback.Resumed::checkpoint);
        long stepOffset = latest.map(c -> c.step).orElse(0L);
        long samplesSeen = latest.map(c -> c.samplesSeen).orElse(0L);
        long tokensSeen = latest.map(c -> c.tokensSeen).orElse(0L);
        latestId = latest.map(c -> c.checkpointId).orElse(null);
        latest.ifPresent(c -> metrics.checkpointed(c.createdAt));
        Student student = resumed.map(CheckpointFallback.Resumed::student)
                .orElseGet(() -> Student.create(StudentConfig.preset(config.preset()), config.seed()));

        TrainingConfig training = trainingConfig();
        SampleBuffer buffer = new SampleBuffer(new SampleEncoder(student.tokenizer(), student.config().maxSeqLen(),
                config.tooLong(), loss.distills()), badSamples, teacherTargets, config.seed());
        long alreadyTrained = latest.map(c -> c.lastSampleSeq).orElse(0L);
        SmoothedLoss smoothedLoss = SmoothedLoss.NONE;
        Throughput throughput = new Throughput(THROUGHPUT_WINDOW, System.nanoTime());
        try (StudentTrainer trainer = new StudentTrainer(student, training)) {
            while (running) {
                buffer.refresh(alreadyTrained);
                long step = stepOffset + trainer.stepCount();
                if (buffer.isEmpty() || step >= config.maxSteps()) {
                    if (retryDue()) { // the checkpoint at the step budget failed: no later interval would retry it
                        checkpoint(student, new CheckpointWriter.Progress(step, samplesSeen, tokensSeen,
                                smoothedLoss.total(), buffer.trainedSeq(), new ArrayList<>(buffer.teacherVersions())));
                    }
                    throughput.idle(System.nanoTime());
                    publish(step, smoothedLoss, 0, buffer, tokensSeen, latestId, throughput,
                            buffer.isEmpty() ? "waiting for samples" : "step budget reached");
                    sleepIdle();
                    continue;
                }
                int untrainedBefore = buffer.unseenCount();
                List<EncodedExample> batch = buffer.nextBatch(training.batchTokens());
                long stepStart = System.nanoTime();
                TrainStep result = trainer.step(batch);
                long stepEnd = System.nanoTime();
                step = stepOffset + result.step();
                samplesSeen += untrainedBefore - buffer.unseenCount();
                tokensSeen += result.trainedTokens();
                metrics.stepped(result, stepEnd - stepStart);
                smoothedLoss = smoothedLoss.next(result);
                throughput.stepped(result.paddedTokens(), batch.size(), stepEnd);
                publish(step, smoothedLoss, result.learningRate(), buffer, tokensSeen, latestId, throughput,
                        "training");
                if (step % config.checkpointEvery() == 0 || step == config.maxSteps() || retryDue()) {
                    checkpoint(student, new CheckpointWriter.Progress(step, samplesSeen, tokensSeen,
                            smoothedLoss.total(), buffer.trainedSeq(), new ArrayList<>(buffer.teacherVersions())));
                }
            }
        } finally {
            student.close();
        }
    }

    /** Events of checkpoints recorded before a crash or during a broker outage; a failure here is retried later. */
    private void announceUnpublishedCheckpoints() {
        try {
            checkpoints.publishPending();
        } catch (RuntimeException e) {
            LOG.warnf("could not announce earlier checkpoints yet, trying again after the next one: %s",
                    e.getMessage());
        }
    }

    /** The newest checkpoint that loads; a damaged one is logged, counted and passed over for the one before. */
    private Optional<CheckpointFallback.Resumed> resume() {
        List<CheckpointRecord> candidates = QuarkusTransaction.requiringNew()
                .call(() -> CheckpointRecord.newestFirst(config.studentId()));
        Optional<CheckpointFallback.Resumed> resumed = CheckpointFallback.newestReadable(candidates, (c, e) -> {
            metrics.checkpointUnreadable();
            LOG.errorf("checkpoint %s (step %d) cannot be loaded, trying the one before: %s", c.checkpointId, c.step,
                    e.getMessage());
        });
        resumed.ifPresentOrElse(
                r -> LOG.infof("resuming %s from checkpoint %s at step %d", config.studentId(),
                        r.checkpoint().checkpointId, r.checkpoint().step),
                () -> {
                    if (!candidates.isEmpty()) {
                        LOG.errorf("none of the %d checkpoints of %s can be loaded: training starts from scratch",
                                candidates.size(), config.studentId());
                    }
                });
        return resumed;
    }

    /**
     * Writes a checkpoint. A failure (directory gone, disk full, database down) is logged and counted; training
     * goes on and the next interval, or the retry after {@code checkpoint-retry}, tries again.
     */
    private void checkpoint(Student student, CheckpointWriter.Progress progress) {
        try {
            CheckpointEvent written = checkpoints.write(student, progress);
            latestId = written.checkpointId();
            metrics.checkpointed(written.createdAt());
            retryPending = false;
        } catch (RuntimeException e) {
            metrics.checkpointFailed();
            retryPending = true;
            retryAt = System.nanoTime() + config.checkpointRetry().toNanos();
            LOG.errorf("checkpoint at step %d failed, training goes on and tries again in %s or at the next interval:"
                    + " %s", progress.step(), config.checkpointRetry(), e.getMessage());
        }
    }

    private boolean retryDue() {
        return retryPending && System.nanoTime() - retryAt >= 0;
    }

    private TrainingConfig trainingConfig() {
        TrainingConfig training = TrainingConfig.defaults().withDecaySteps(config.maxSteps()).withLoss(loss);
        if (config.batchTokens().isPresent()) {
            training = training.withBatchTokens(config.batchTokens().get());
        }
        if (config.learningRate().isPresent()) {
            training = training.withPeakLearningRate(config.learningRate().get());
        }
        return training;
    }

    private void publish(long step, SmoothedLoss loss, double learningRate, SampleBuffer buffer, long tokensSeen,
            String latestCheckpoint, Throughput throughput, String state) {
        status.set(new TrainingStatus(config.studentId(), state, step, config.maxSteps(), loss.total(),
                loss.crossEntropy(), loss.distillation(), learningRate, buffer.size(), buffer.unseenCount(),
                tokensSeen, latestCheckpoint, throughput.tokensPerSecond(), throughput.samplesPerSecond()));
    }

    private void sleepIdle() {
        try {
            Thread.sleep(config.idleWait().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
