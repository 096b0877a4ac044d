package dev.distill.trainer.service;

import dev.distill.model.TrainStep;

/**
 * The training loss and its parts, each an exponential moving average over steps (weight 0.1 on the newest), so that
 * the noise of single batches does not hide the trend. {@code crossEntropy} and {@code distillation} are the
 * unweighted parts; {@code total} is what the optimiser minimises (for kd, alpha * CE + beta * tau^2 * KL). A step
 * that distilled nothing leaves {@code distillation} as it was; it is NaN until some step distilled.
 */
public record SmoothedLoss(double total, double crossEntropy, double distillation) {

    public static final SmoothedLoss NONE = new SmoothedLoss(Double.NaN, Double.NaN, Double.NaN);

    public SmoothedLoss next(TrainStep step) {
        return new SmoothedLoss(average(total, step.loss()), average(crossEntropy, step.crossEntropy()),
                average(distillation, step.distillation()));
    }

    private static double average(double smoothed, double value) {
        if (Double.isNaN(value)) {
            return smoothed;
        }
        return Double.isNaN(smoothed) ? value : 0.9 * smoothed + 0.1 * value;
    }
}
