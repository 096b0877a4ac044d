package dev.distill.local;

import dev.distill.events.BenchmarkEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a demo run showed: the teacher's accuracy, every benchmark, and how long it took. */
public record DemoResult(int prompts, int responses, int curated, int rejected, Map<String, Long> rejectedByReason,
        List<BenchmarkEvent> benchmarks,
        long parameterCount, Duration wallTime, boolean timedOut) {

    public double teacherAccuracy() {
        return responses == 0 ? 0 : (double) curated / responses;
    }

    public Optional<BenchmarkEvent> best() {
        return benchmarks.stream().max(java.util.Comparator.comparingDouble(BenchmarkEvent::accuracy));
    }
}
