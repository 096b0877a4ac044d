package dev.distill.local;

import dev.distill.events.BenchmarkEvent;
import dev.distill.events.PromotionEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a demo run showed: the answers of each teacher version, every benchmark on the built-in suite, the promotions,
 * and how long it took. {@code responses}, {@code curated} and {@code rejected} count every version's answers.
 */
public record DemoResult(int prompts, int responses, int curated, int rejected, Map<String, Long> rejectedByReason,
        List<BenchmarkEvent> benchmarks, Map<String, PipelineWatcher.VersionCounts> versions,
        List<PromotionEvent> promotions, Map<String, String> championAtEnd, long parameterCount, Duration wallTime,
        boolean timedOut) {

    /** The share of all answers that verified (the curator keeps exactly those). */
    public double teacherAccuracy() {
        return responses == 0 ? 0 : (double) curated / responses;
    }

    public Optional<BenchmarkEvent> best() {
        return benchmarks.stream().max(java.util.Comparator.comparingDouble(BenchmarkEvent::accuracy));
    }

    /**
     * The benchmark of the champion in place when the phase of {@code teacherVersion} ended: promoted in that phase,
     * or earlier when none of the phase's checkpoints beat it.
     */
    public Optional<BenchmarkEvent> champion(String teacherVersion) {
        String id = championAtEnd.get(teacherVersion);
        return id == null ? Optional.empty()
                : benchmarks.stream().filter(b -> b.checkpointId().equals(id)).findFirst();
    }

    /**
     * The teacher's accuracy to hold {@code teacherVersion}'s champion against: the evaluator's baseline on the same
     * suite when it has one, else the share of that version's answers that verified.
     */
    public double teacherAccuracy(String teacherVersion) {
        return champion(teacherVersion).map(BenchmarkEvent::teacherBaseline)
                .orElseGet(() -> versions.containsKey(teacherVersion) ? versions.get(teacherVersion).accuracy() : 0);
    }

    /** How many promotions happened while the student learned from {@code teacherVersion}. */
    public long promotionsUnder(String teacherVersion) {
        return promotions.stream().filter(p -> benchmarks.stream().anyMatch(
                b -> b.checkpointId().equals(p.checkpointId()) && teacherVersion.equals(b.teacherVersion()))).count();
    }
}
