package dev.distill.local;

import java.time.Duration;

/**
 * What the demo asks of the platform.
 *
 * @param prompts        training prompts in the campaign
 * @param difficulty     addition difficulty (2: operands of up to three digits)
 * @param ratePerSecond  campaign pace
 * @param targetAccuracy the demo stops early once a checkpoint reaches this exact-match accuracy
 * @param trainSteps     the trainer's step budget; the checkpoint at this step is the last
 * @param timeout        the demo gives up after this long
 */
public record DemoSettings(int prompts, int difficulty, int ratePerSecond, double targetAccuracy, int trainSteps,
        int checkpointEvery, int evalPrompts, Duration timeout) {

    public static DemoSettings standard() {
        return new DemoSettings(4000, 2, 400, 0.95, 1600, 200, 200, Duration.ofMinutes(9));
    }
}
