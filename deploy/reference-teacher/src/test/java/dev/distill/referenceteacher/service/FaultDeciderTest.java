package dev.distill.referenceteacher.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.distill.referenceteacher.domain.FaultProfile;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FaultDeciderTest {

    private static final int DRAWS = 20_000;

    private static Map<RequestOutcome, Integer> outcomes(FaultProfile profile, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<RequestOutcome, Integer> counts = new EnumMap<>(RequestOutcome.class);
        for (int i = 0; i < DRAWS; i++) {
            counts.merge(FaultDecider.decide(profile, rng.split()).outcome(), 1, Integer::sum);
        }
        return counts;
    }

    private static double share(Map<RequestOutcome, Integer> counts, RequestOutcome outcome) {
        return counts.getOrDefault(outcome, 0) / (double) DRAWS;
    }

    @Test
    void allOffNeverInjectsAnything() {
        for (int i = 0; i < 2000; i++) {
            FaultPlan plan = FaultDecider.decide(TestProfiles.off(), new SplittableRandom(i));
            assertThat(plan.failure()).isEqualTo(FaultPlan.Failure.NONE);
            assertThat(plan.answerFault()).isEqualTo(AnswerFault.NONE);
            assertThat(plan.delay()).isZero();
            assertThat(plan.outcome()).isEqualTo(RequestOutcome.OK);
        }
    }

    @Test
    void failureRatesAreRespectedAndExclusive() {
        Map<RequestOutcome, Integer> counts = outcomes(TestProfiles.failures(0.2, 0.1, 0.05), 1);
        assertThat(share(counts, RequestOutcome.THROTTLED)).isCloseTo(0.2, within(0.015));
        assertThat(share(counts, RequestOutcome.SERVER_ERROR)).isCloseTo(0.1, within(0.01));
        assertThat(share(counts, RequestOutcome.TIMEOUT)).isCloseTo(0.05, within(0.008));
        assertThat(share(counts, RequestOutcome.OK)).isCloseTo(0.65, within(0.015));
    }

    @Test
    void answerFaultsApplyOnlyToAnsweredRequests() {
        FaultProfile profile = new FaultProfile(null, TestProfiles.NO_LATENCY, 0.5, 1, 0, 0, 60_000, 0.1, 0.2, 0.3);
        Map<RequestOutcome, Integer> counts = outcomes(profile, 2);
        // half the requests are throttled; the answer-fault draw splits the other half
        assertThat(share(counts, RequestOutcome.THROTTLED)).isCloseTo(0.5, within(0.015));
        assertThat(share(counts, RequestOutcome.TRUNCATED)).isCloseTo(0.05, within(0.008));
        assertThat(share(counts, RequestOutcome.REFUSAL)).isCloseTo(0.10, within(0.01));
        assertThat(share(counts, RequestOutcome.PII)).isCloseTo(0.15, within(0.012));
        assertThat(share(counts, RequestOutcome.OK)).isCloseTo(0.20, within(0.012));
    }

    @Test
    void ratesOfOneAlwaysFireAndRatesOfZeroNever() {
        assertThat(outcomes(TestProfiles.failures(1, 0, 0), 3)).containsOnlyKeys(RequestOutcome.THROTTLED);
        assertThat(outcomes(TestProfiles.failures(0, 0, 1), 3)).containsOnlyKeys(RequestOutcome.TIMEOUT);
        assertThat(outcomes(TestProfiles.answerFaults(0, 1, 0), 3)).containsOnlyKeys(RequestOutcome.REFUSAL);
        assertThat(outcomes(TestProfiles.answerFaults(0, 0, 1), 3)).containsOnlyKeys(RequestOutcome.PII);
    }

    @Test
    void serverErrorsUseAllThreeStatuses() {
        Set<Integer> statuses = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            FaultPlan plan = FaultDecider.decide(TestProfiles.failures(0, 1, 0), new SplittableRandom(i));
            statuses.add(plan.status());
        }
        assertThat(statuses).containsExactlyInAnyOrder(500, 502, 503);
    }

    @Test
    void throttleCarriesRetryAfterAndTimeoutIsHeldForTheHold() {
        FaultProfile throttle = new FaultProfile(null, TestProfiles.NO_LATENCY, 1, 7, 0, 0, 60_000, 0, 0, 0);
        FaultPlan throttled = FaultDecider.decide(throttle, new SplittableRandom(1));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.retryAfterSeconds()).isEqualTo(7);

        FaultProfile timeout = new FaultProfile(null, new FaultProfile.Latency(FaultProfile.LatencyMode.FIXED, 50, 0),
                0, 1, 0, 1, 1234, 0, 0, 0);
        FaultPlan held = FaultDecider.decide(timeout, new SplittableRandom(1));
        assertThat(held.status()).isEqualTo(504);
        assertThat(held.delay()).isEqualTo(Duration.ofMillis(1234)); // the hold replaces the latency
    }

    @Test
    void latencyAppliesToAnswersAndToErrors() {
        FaultProfile profile = new FaultProfile(null, new FaultProfile.Latency(FaultProfile.LatencyMode.FIXED, 80, 0),
                0.5, 1, 0, 0, 60_000, 0, 0, 0);
        for (int i = 0; i < 50; i++) {
            assertThat(FaultDecider.decide(profile, new SplittableRandom(i)).delay()).isEqualTo(Duration.ofMillis(80));
        }
    }

    @Test
    void sameStreamSameDecision() {
        FaultProfile profile = new FaultProfile(null, new FaultProfile.Latency(FaultProfile.LatencyMode.LOGNORMAL, 50, 500),
                0.1, 1, 0.1, 0.1, 60_000, 0.1, 0.1, 0.1);
        for (int i = 0; i < 200; i++) {
            assertThat(FaultDecider.decide(profile, new SplittableRandom(i)))
                    .isEqualTo(FaultDecider.decide(profile, new SplittableRandom(i)));
        }
    }
}
