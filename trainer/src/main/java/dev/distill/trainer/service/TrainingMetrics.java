package dev.distill.trainer.service;

import dev.distill.model.TrainStep;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The training loop's meters. Gauges of what the loop publishes read its latest {@link TrainingStatus}; the loss
 * gauges show the smoothed loss: {@code distill_trainer_loss{part="total"}} is what the optimiser minimises,
 * {@code part="ce"} and {@code part="kd"} its unweighted cross-entropy and distillation (KL) parts.
 */
@ApplicationScoped
public class TrainingMetrics {

    private final MeterRegistry registry;
    private final Counter tokens;
    private final Counter distilledTokens;
    private final Counter steps;
    private final Counter unreadableCheckpoints;
    private final Counter checkpointFailures;
    private final Timer stepTime;
    private volatile Instant lastCheckpoint;

    public TrainingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.tokens = registry.counter("distill_trainer_tokens_total");
        this.distilledTokens = registry.counter("distill_trainer_distilled_tokens_total");
        this.steps = registry.counter("distill_trainer_steps_total");
        this.unreadableCheckpoints = registry.counter("distill_trainer_checkpoints_unreadable_total");
        this.checkpointFailures = registry.counter("distill_trainer_checkpoint_failures_total");
        this.stepTime = Timer.builder("distill_trainer_step_seconds")
                .description("One optimiser step: forward, backward and update").register(registry);
        Gauge.builder("distill_trainer_checkpoint_age_seconds", this::checkpointAgeSeconds)
                .description("Seconds since the last checkpoint written or resumed from; NaN before the first")
                .register(registry);
        Gauge.builder("distill_trainer_memory_bytes", ProcessMemory::heapUsedBytes).tag("kind", "heap")
                .description("JVM heap in use").register(registry);
        Gauge.builder("distill_trainer_memory_bytes", ProcessMemory::residentBytes).tag("kind", "native")
                .description("Resident memory of the process (libtorch included, and the heap)").register(registry);
    }

    /** On a GPU, also the device memory in use (as the CUDA driver reports it). */
    void watchDevice(ai.djl.Device device) {
        if (device.isGpu()) {
            Gauge.builder("distill_trainer_memory_bytes", () -> ai.djl.util.cuda.CudaUtils.getGpuMemory(device).getUsed())
                    .tag("kind", "device").description("GPU memory in use").register(registry);
        }
    }

    /** Registers the gauges of the loop's published state; {@code status} may give null before the first. */
    void watch(Supplier<TrainingStatus> status) {
        gauge("distill_trainer_step", status, TrainingStatus::step, 0);
        gauge("distill_trainer_samples_untrained", status, TrainingStatus::samplesUntrained, 0);
        gauge("distill_trainer_replay_samples", status, TrainingStatus::samplesStored, 0);
        gauge("distill_trainer_tokens_per_second", status, TrainingStatus::tokensPerSecond, 0);
        gauge("distill_trainer_samples_per_second", status, TrainingStatus::samplesPerSecond, 0);
        lossGauge("total", status, TrainingStatus::loss);
        lossGauge("ce", status, TrainingStatus::lossCrossEntropy);
        lossGauge("kd", status, TrainingStatus::lossDistillation);
    }

    void stepped(TrainStep step, long nanos) {
        tokens.increment(step.trainedTokens());
        distilledTokens.increment(step.distilledTokens());
        steps.increment();
        stepTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A checkpoint was written at {@code at}, or training resumed from one written then. */
    void checkpointed(Instant at) {
        lastCheckpoint = at;
    }

    void checkpointFailed() {
        checkpointFailures.increment();
    }

    void checkpointUnreadable() {
        unreadableCheckpoints.increment();
    }

    private double checkpointAgeSeconds() {
        Instant at = lastCheckpoint;
        return at == null ? Double.NaN : Math.max(0, Duration.between(at, Instant.now()).toMillis() / 1000.0);
    }

    private void lossGauge(String part, Supplier<TrainingStatus> status, ToDoubleFunction<TrainingStatus> value) {
        Gauge.builder("distill_trainer_loss", () -> read(status, value, Double.NaN)).tag("part", part)
                .description("Training loss, smoothed over steps").register(registry);
    }

    private void gauge(String name, Supplier<TrainingStatus> status, ToDoubleFunction<TrainingStatus> value,
            double before) {
        Gauge.builder(name, () -> read(status, value, before)).register(registry);
    }

    private static double read(Supplier<TrainingStatus> status, ToDoubleFunction<TrainingStatus> value,
            double before) {
        TrainingStatus now = status.get();
        return now == null ? before : value.applyAsDouble(now);
    }
}
