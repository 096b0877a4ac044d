package dev.distill.trainer.service;

/** What the training loop is doing, for REST and logs. */
public record TrainingStatus(String studentId, String state, long step, long maxSteps, double loss,
        double learningRate, int samplesStored, int samplesUntrained, long tokensSeen, String latestCheckpoint,
        double tokensPerSecond) {
}
