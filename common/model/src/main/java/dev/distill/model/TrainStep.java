package dev.distill.model;

/**
 * Result of one optimiser step. The losses are measured before the update.
 *
 * @param step 1-based step number of this trainer
 * @param loss the objective that was minimised: the cross-entropy for {@link LossConfig.Kind#CE},
 *     alpha * CE + beta * tau^2 * KL for {@link LossConfig.Kind#KD}
 * @param crossEntropy mean cross-entropy (nats) over the trained (answer) tokens
 * @param distillation mean KL(q_tau || softmax(z / tau)) (nats) over the positions with a teacher
 *     distribution, unweighted; NaN when nothing was distilled (CE loss, or no teacher targets)
 * @param trainedTokens number of target tokens that contributed to the cross-entropy
 * @param distilledTokens number of positions that contributed to the distillation term
 * @param paddedTokens batch size times padded input length (the compute actually spent)
 * @param learningRate learning rate used for this update
 * @param gradientNorm global L2 norm of the gradient before clipping
 * @param truncatedExamples examples cut from the left because they exceeded maxSeqLen + 1 tokens
 */
public record TrainStep(
        long step, double loss, double crossEntropy, double distillation, int trainedTokens, int distilledTokens,
        int paddedTokens, double learningRate, double gradientNorm, int truncatedExamples) {}
