package dev.distill.local;

import java.time.Duration;

/**
 * What the demo asks of the platform.
 *
 * @param prompts            training prompts in the campaign
 * @param difficulty         addition difficulty (2: operands of up to three digits)
 * @param ratePerSecond      campaign pace
 * @param targetAccuracy     a phase ends early once a checkpoint reaches this exact-match accuracy
 * @param trainSteps         the trainer's step budget per round; the checkpoint at its end is the round's last
 * @param timeout            the demo gives up after this long
 * @param nextTeacherVersion the teacher version announced once the first phase ends (the campaign is replayed to it
 *                           and the trainer starts a round from the champion); null for a demo of one version
 */
public record DemoSettings(int prompts, int difficulty, int ratePerSecond, double targetAccuracy, int trainSteps,
        int checkpointEvery, int evalPrompts, Duration timeout, String nextTeacherVersion) {

    public static DemoSettings standard() {
        return new DemoSettings(4000, 2, 400, 0.95, 1600, 200, 200, Duration.ofMinutes(15), "v2");
    }
}
