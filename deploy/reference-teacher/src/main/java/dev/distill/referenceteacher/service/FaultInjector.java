package dev.distill.referenceteacher.service;

import dev.distill.referenceteacher.config.FaultConfig;
import dev.distill.referenceteacher.domain.FaultProfile;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the current fault profile and plans each request's faults. Each request takes one long from a shared RNG
 * (seeded by the profile's seed) and decides from its own stream, so with a seed the n-th request meets the same
 * faults on every run, however many draws the requests before it made.
 */
@ApplicationScoped
public class FaultInjector {

    /** A profile with its RNG; swapped as one so a replaced profile restarts its seeded sequence. */
    private record Dice(FaultProfile profile, Random root) {

        static Dice of(FaultProfile profile) {
            // java.util.Random is thread-safe (one CAS per draw): fine for hundreds of concurrent requests
            return new Dice(profile, profile.seed() == null ? new Random() : new Random(profile.seed()));
        }
    }

    private final FaultProfile startup;
    private final AtomicReference<Dice> current;

    @Inject
    public FaultInjector(FaultConfig config) {
        this(fromConfig(config));
    }

    public FaultInjector(FaultProfile startup) {
        List<FaultProfile.Violation> violations = startup.violations();
        if (!violations.isEmpty()) {
            // a typo in a fault rate fails the process instead of testing something else than intended
            throw new IllegalStateException("teacher.faults is invalid: " + String.join("; ", violations.stream()
                    .map(v -> (v.field() == null ? "" : "teacher.faults." + v.field().replace('_', '-') + ": ")
                            + v.message()).toList()));
        }
        this.startup = startup;
        this.current = new AtomicReference<>(Dice.of(startup));
    }

    void validateAtStartup(@Observes StartupEvent event) {
        // injecting this bean in an observer forces construction, hence validation, at startup
    }

    /** The profile configured at startup; fields a {@code PUT /admin/faults} leaves out take its values. */
    public FaultProfile startupProfile() {
        return startup;
    }

    public FaultProfile profile() {
        return current.get().profile();
    }

    /** Replaces the profile, restarting the RNG from its seed. */
    public FaultProfile replace(FaultProfile profile) {
        List<FaultProfile.Violation> violations = profile.violations();
        if (!violations.isEmpty()) {
            throw new InvalidFaultProfileException(violations);
        }
        current.set(Dice.of(profile));
        return profile;
    }

    public FaultPlan plan() {
        Dice dice = current.get();
        return FaultDecider.decide(dice.profile(), new SplittableRandom(dice.root().nextLong()));
    }

    static FaultProfile fromConfig(FaultConfig config) {
        return new FaultProfile(config.seed().orElse(null),
                new FaultProfile.Latency(config.latency().mode(), config.latency().ms(), config.latency().maxMs()),
                config.throttleRate(), config.retryAfterSeconds(), config.serverErrorRate(), config.timeoutRate(),
                config.timeoutHold().toMillis(), config.truncateRate(), config.refusalRate(), config.piiRate());
    }
}
