package dev.distill.trainer.service;

/**
 * What the training loop is doing, for REST, logs and gauges. The losses are smoothed over steps: {@code loss} is
 * what the optimiser minimises, {@code lossCrossEntropy} and {@code lossDistillation} its unweighted parts (the
 * latter NaN until a step distilled). {@code samplesStored} is the pool replay draws from. {@code round} is the
 * teacher version whose round training is in (null before any was announced).
 */
public record TrainingStatus(String studentId, String state, long step, long maxSteps, double loss,
        double lossCrossEntropy, double lossDistillation, double learningRate, int samplesStored,
        int samplesUntrained, long tokensSeen, String latestCheckpoint, double tokensPerSecond,
        double samplesPerSecond, String round) {
}
