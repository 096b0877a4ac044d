package dev.distill.model;

/**
 * Result of one optimiser step.
 *
 * @param step 1-based step number of this trainer
 * @param loss mean cross-entropy (nats) over the trained (answer) tokens, before the update
 * @param trainedTokens number of target tokens that contributed to the loss
 * @param paddedTokens batch size times padded input length (the compute actually spent)
 * @param learningRate learning rate used for this update
 * @param gradientNorm global L2 norm of the gradient before clipping
 * @param truncatedExamples examples cut from the left because they exceeded maxSeqLen + 1 tokens
 */
public record TrainStep(
        long step, double loss, int trainedTokens, int paddedTokens, double learningRate, double gradientNorm,
        int truncatedExamples) {}
