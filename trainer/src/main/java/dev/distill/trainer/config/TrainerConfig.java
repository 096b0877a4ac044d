package dev.distill.trainer.config;

import dev.distill.model.LossConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The student being trained and how. Defaults live in application.properties. */
@ConfigMapping(prefix = "distill.trainer")
public interface TrainerConfig {

    /** Names the student across checkpoints, benchmarks and promotions. */
    String studentId();

    /** Model size preset: tiny, small or base. */
    String preset();

    /** Directory (a volume in Kubernetes) where checkpoint directories are written. */
    String checkpointDir();

    /** A checkpoint every this many optimiser steps. */
    int checkpointEvery();

    /** Also a checkpoint when this long has passed since the last one and training has stepped since. */
    Duration checkpointInterval();

    /** After a failed checkpoint (directory gone, disk full), the earliest moment to try again. */
    Duration checkpointRetry();

    /** How many checkpoint directories to keep on disk; older ones are deleted (their rows stay). */
    int keepCheckpoints();

    /**
     * The step budget of replay: until it is reached, steps that only replay earlier samples go on while no new ones
     * arrive; after it, a step is taken only for new samples (topped up with replay), and the trainer otherwise
     * idles. The learning-rate schedule decays to its floor at this step. A checkpoint is written at it.
     */
    int maxSteps();

    long seed();

    /** How long the loop sleeps when there is nothing to train on. */
    Duration idleWait();

    /** Padded tokens per batch; defaults to the model module's recommendation. */
    Optional<Integer> batchTokens();

    /** Peak learning rate; defaults to the model module's recommendation. */
    Optional<Double> learningRate();

    /** What to do with a sample longer than the model's context: cut its oldest tokens, or leave it out. */
    TooLong tooLong();

    /** The rule for samples longer than the model's context ({@code distill.trainer.too-long}). */
    enum TooLong {
        /** Keep the newest tokens (the answer end); the trainer cuts the start of the prompt. */
        TRUNCATE,
        /** Do not train on the sample. */
        SKIP
    }

    /**
     * What the student learns from: {@code ce}, the teacher's answer text only (cross-entropy), or {@code kd}, also
     * the teacher's top-k token probabilities where a sample carries them (weights under {@code kd.*}).
     */
    LossConfig.Kind loss();

    /** The weights of top-k distillation; used when {@code loss} is {@code kd}. */
    Kd kd();

    /** {@code alpha * CE + beta * tau^2 * KL(teacher top-k || student)}; see {@link LossConfig}. */
    interface Kd {
        double alpha();

        double beta();

        double tau();
    }

    /** The loss as the model module takes it; throws on weights it refuses (negative, or tau <= 0). */
    default LossConfig lossConfig() {
        return loss() == LossConfig.Kind.KD
                ? LossConfig.distillation(kd().alpha(), kd().beta(), kd().tau())
                : LossConfig.crossEntropy();
    }

    /** Replay of earlier samples, so that the student does not forget them while it learns new ones. */
    Replay replay();

    interface Replay {
        /** Most samples kept for replay: a uniform sample of all trained so far (reservoir sampling). */
        int capacity();

        /** Share of a batch's token budget kept for replay while new samples wait, from 0 to below 1. */
        double ratio();
    }

    /**
     * Where the student trains: {@code auto} (a GPU when libtorch sees one, else the CPU), {@code cpu} or {@code gpu}
     * (refused at startup where there is none).
     */
    String device();

    /** Intra-op threads for PyTorch; defaults to the available processors. */
    @WithDefault("0")
    int threads();
}
