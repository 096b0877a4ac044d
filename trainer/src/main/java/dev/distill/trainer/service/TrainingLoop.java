package dev.distill.trainer.service;

import ai.djl.Device;
import dev.distill.events.CheckpointEvent;
import dev.distill.model.DjlEnvironment;
import dev.distill.model.EncodedExample;
import dev.distill.model.LossConfig;
import dev.distill.model.OptimizerState;
import dev.distill.model.Student;
import dev.distill.model.StudentConfig;
import dev.distill.model.StudentTrainer;
import dev.distill.model.TrainStep;
import dev.distill.model.TrainingConfig;
import dev.distill.trainer.config.TrainerConfig;
import dev.distill.trainer.domain.CheckpointRecord;
import dev.distill.trainer.domain.TrainingRound;
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
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The trainer's one training thread. It resumes from the student's newest readable checkpoint, trains on stored
 * samples as they arrive (new ones first, then replay) with cross-entropy or top-k distillation, starts a round from
 * the champion when a new teacher version is announced, checkpoints every N
 * steps, and sleeps when there is nothing to do. Neither a bad sample nor a failed checkpoint stops it.
 */
@ApplicationScoped
public class TrainingLoop {

    private static final Logger LOG = Logger.getLogger(TrainingLoop.class);
    /** Long enough to span many steps, short enough for a rate that follows changes. */
    private static final Duration THROUGHPUT_WINDOW = Duration.ofSeconds(2);
    /** How often the loop looks for a newly announced teacher version. */
    private static final Duration ROUND_CHECK = Duration.ofSeconds(1);

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
    /** System.nanoTime() of the last checkpoint written (or of the start), for {@code checkpoint-interval}. */
    private long lastCheckpointAt = System.nanoTime();
    private LossConfig loss;
    /** The teacher version whose round training is in; null before any was announced. Training thread only. */
    private String round;
    /** The checkpoint the round started from; null if none. Training thread only. */
    private String roundFrom;

    void start(@Observes StartupEvent event) {
        CheckpointDirectory.requireWritable(Path.of(config.checkpointDir())); // fails startup with the cause
        loss = config.lossConfig(); // weights the model refuses fail startup, not the training thread
        if (config.replay().capacity() < 1 || !(config.replay().ratio() >= 0 && config.replay().ratio() < 1)) {
            throw new IllegalArgumentException("distill.trainer.replay.capacity must be at least 1 and .ratio from 0 to"
                    + " below 1; they are " + config.replay().capacity() + " and " + config.replay().ratio());
        }
        // chosen here, so a GPU asked for but absent fails startup with the reason, not the training thread
        Device device = DjlEnvironment.useDevice(config.device());
        LOG.infof("training %s on %s", config.studentId(), device);
        metrics.watchDevice(device);
        metrics.watch(status::get);
        status.set(new TrainingStatus(config.studentId(), "starting", 0, config.maxSteps(), Double.NaN, Double.NaN,
                Double.NaN, 0, 0, 0, 0, null, 0, 0, null));
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
                    last.samplesStored(), last.samplesUntrained(), last.tokensSeen(), last.latestCheckpoint(), 0, 0,
                    last.round()));
        }
    }

    private void run() {
        if (config.threads() > 0) {
            DjlEnvironment.setIntraOpThreads(config.threads());
        }
        announceUnpublishedCheckpoints();
        Optional<CheckpointFallback.Resumed> resumed = resume();
        Optional<CheckpointRecord> latest = resumed.map(CheckpointFallback.Resumed::checkpoint);
        long samplesSeen = latest.map(c -> c.samplesSeen).orElse(0L);
        long tokensSeen = latest.map(c -> c.tokensSeen).orElse(0L);
        latestId = latest.map(c -> c.checkpointId).orElse(null);
        latest.ifPresent(c -> metrics.checkpointed(c.createdAt));
        round = latest.map(c -> c.round).orElse(null);
        roundFrom = latest.map(c -> c.roundFrom).orElse(null);
        Student student = resumed.map(CheckpointFallback.Resumed::student)
                .orElseGet(() -> Student.create(StudentConfig.preset(config.preset()), config.seed()));

        TrainingConfig training = trainingConfig();
        SampleBuffer buffer = new SampleBuffer(new SampleEncoder(student.tokenizer(), student.config().maxSeqLen(),
                config.tooLong(), loss.distills()), badSamples, teacherTargets, config.replay().capacity(),
                config.replay().ratio(), config.seed());
        long alreadyTrained = latest.map(c -> c.lastSampleSeq).orElse(0L);
        SmoothedLoss smoothedLoss = SmoothedLoss.NONE;
        Throughput throughput = new Throughput(THROUGHPUT_WINDOW, System.nanoTime());
        StudentTrainer trainer = new StudentTrainer(student, training, resumed.map(CheckpointFallback.Resumed::optimizer)
                .orElseGet(OptimizerState::initial));
        long nextRoundCheck = System.nanoTime();
        try {
            while (running) {
                if (System.nanoTime() - nextRoundCheck >= 0) {
                    nextRoundCheck = System.nanoTime() + ROUND_CHECK.toNanos();
                    Optional<String> due = dueRound();
                    if (due.isPresent() && round == null && Set.of(due.get()).containsAll(buffer.teacherVersions())) {
                        // the first version announced is the one training has learned from all along (a gateway
                        // announces its configured version at start): it is the current round, nothing restarts
                        round = due.get();
                    } else if (due.isPresent()) {
                        long step = trainer.stepCount();
                        Optional<CheckpointFallback.Resumed> start = roundStart(due.get(), step);
                        trainer.close();
                        if (start.isPresent()) {
                            student.close();
                            student = start.get().student();
                        }
                        roundFrom = start.map(r -> r.checkpoint().checkpointId).orElse(null);
                        trainer = new StudentTrainer(student, training, OptimizerState.newRound(step));
                        round = due.get();
                    }
                }
                buffer.refresh(alreadyTrained);
                long step = trainer.stepCount();
                long budget = trainer.scheduleStart() + config.maxSteps();
                if (buffer.isEmpty() || (step >= budget && buffer.unseenCount() == 0)) {
                    if (retryDue()) { // the checkpoint at the step budget failed: no later interval would retry it
                        checkpoint(trainer, progress(trainer, samplesSeen, tokensSeen, smoothedLoss, buffer));
                    }
                    throughput.idle(System.nanoTime());
                    publish(step, smoothedLoss, 0, buffer, tokensSeen, latestId, throughput,
                            buffer.isEmpty() ? "waiting for samples" : "step budget reached");
                    sleepIdle();
                    continue;
                }
                int untrainedBefore = buffer.unseenCount();
                List<EncodedExample> batch = buffer.nextBatch(training.batchTokens(), step + 1);
                long stepStart = System.nanoTime();
                TrainStep result = trainer.step(batch);
                long stepEnd = System.nanoTime();
                step = result.step();
                samplesSeen += untrainedBefore - buffer.unseenCount();
                tokensSeen += result.trainedTokens();
                metrics.stepped(result, stepEnd - stepStart);
                smoothedLoss = smoothedLoss.next(result);
                throughput.stepped(result.paddedTokens(), batch.size(), stepEnd);
                publish(step, smoothedLoss, result.learningRate(), buffer, tokensSeen, latestId, throughput,
                        "training");
                if (step % config.checkpointEvery() == 0 || step == budget || retryDue() || intervalDue()) {
                    checkpoint(trainer, progress(trainer, samplesSeen, tokensSeen, smoothedLoss, buffer));
                }
            }
        } finally {
            trainer.close();
            student.close();
        }
    }

    private CheckpointWriter.Progress progress(StudentTrainer trainer, long samplesSeen, long tokensSeen,
            SmoothedLoss smoothedLoss, SampleBuffer buffer) {
        return new CheckpointWriter.Progress(trainer.stepCount(), samplesSeen, tokensSeen, smoothedLoss.total(),
                buffer.trainedSeq(), new ArrayList<>(buffer.teacherVersions()), round, trainer.scheduleStart(),
                roundFrom);
    }

    /** The newest announced teacher version, when training is not in its round yet. */
    private Optional<String> dueRound() {
        return QuarkusTransaction.requiringNew().call(TrainingRound::latest).map(r -> r.teacherVersion)
                .filter(version -> !version.equals(round));
    }

    /**
     * The checkpoint a round for {@code teacherVersion} starts from: the champion, else the newest one that loads;
     * empty when there is none (training goes on with the parameters it has). Only its parameters are used: the
     * schedule starts again with fresh optimiser moments either way.
     */
    private Optional<CheckpointFallback.Resumed> roundStart(String teacherVersion, long step) {
        List<CheckpointRecord> candidates = QuarkusTransaction.requiringNew()
                .call(() -> CheckpointRecord.roundStartCandidates(config.studentId()));
        Optional<CheckpointFallback.Resumed> start = CheckpointFallback.newestReadable(candidates, (c, e) -> {
            metrics.checkpointUnreadable();
            LOG.errorf("checkpoint %s cannot be loaded to start the round of %s, trying the next: %s", c.checkpointId,
                    teacherVersion, e.getMessage());
        });
        LOG.infof("round of teacher %s starts at step %d from %s, with a new learning-rate schedule", teacherVersion,
                step, start.map(r -> (r.checkpoint().promotedAt != null ? "champion " : "newest checkpoint ")
                        + r.checkpoint().checkpointId).orElse("the parameters in training (no checkpoint yet)"));
        return start;
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
    private void checkpoint(StudentTrainer trainer, CheckpointWriter.Progress progress) {
        try {
            CheckpointEvent written = checkpoints.write(trainer.student(), trainer.optimizerState(), progress);
            latestId = written.checkpointId();
            metrics.checkpointed(written.createdAt());
            retryPending = false;
            lastCheckpointAt = System.nanoTime();
        } catch (RuntimeException e) {
            metrics.checkpointFailed();
            retryPending = true;
            retryAt = System.nanoTime() + config.checkpointRetry().toNanos();
            LOG.errorf("checkpoint at step %d failed, training goes on and tries again in %s or at the next interval:"
                    + " %s", progress.step(), config.checkpointRetry(), e.getMessage());
        }
    }

    private boolean intervalDue() {
        return System.nanoTime() - lastCheckpointAt >= config.checkpointInterval().toNanos();
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
                loss.crossEntropy(), loss.distillation(), learningRate, buffer.replaySize(), buffer.unseenCount(),
                tokensSeen, latestCheckpoint, throughput.tokensPerSecond(), throughput.samplesPerSecond(), round));
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
