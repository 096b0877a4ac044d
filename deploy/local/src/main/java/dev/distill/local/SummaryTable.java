package dev.distill.local;

import dev.distill.events.BenchmarkEvent;
import dev.distill.events.CheckpointEvent;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The demo's closing table. */
final class SummaryTable {

    private SummaryTable() {
    }

    static String render(DemoResult result, List<CheckpointEvent> checkpoints, DemoSettings settings) {
        Map<String, CheckpointEvent> byId = checkpoints.stream()
                .collect(Collectors.toMap(CheckpointEvent::checkpointId, c -> c, (a, b) -> b));
        StringBuilder out = new StringBuilder();
        out.append("Distillation summary").append(result.timedOut() ? " (stopped at the time limit)" : "").append('\n');
        out.append(String.format(Locale.ROOT, "  %-22s %d prompts, %d answered%n", "campaign", result.prompts(),
                result.responses()));
        out.append(String.format(Locale.ROOT, "  %-22s %.1f%% (%d of %d answers verified correct)%n", "teacher accuracy",
                100 * result.teacherAccuracy(), result.curated(), result.responses()));
        out.append(String.format(Locale.ROOT, "  %-22s %d curated, %d rejected%s%n", "samples", result.curated(),
                result.rejected(), result.rejectedByReason().isEmpty() ? "" : " " + result.rejectedByReason()));
        out.append(String.format(Locale.ROOT, "  %-22s %,d parameters%n", "student", result.parameterCount()));
        out.append(String.format(Locale.ROOT, "  %-22s %s%n", "wall time", duration(result.wallTime())));
        out.append('\n');
        out.append(String.format(Locale.ROOT, "  %-36s %6s %9s %8s %12s%n", "checkpoint", "step", "samples", "loss",
                "exact match"));
        for (BenchmarkEvent benchmark : result.benchmarks()) {
            CheckpointEvent checkpoint = byId.get(benchmark.checkpointId());
            out.append(String.format(Locale.ROOT, "  %-36s %6s %9s %8s %11.1f%%%n", benchmark.checkpointId(),
                    checkpoint == null ? "?" : checkpoint.step(),
                    checkpoint == null ? "?" : checkpoint.samplesSeen(),
                    checkpoint == null ? "?" : String.format(Locale.ROOT, "%.3f", checkpoint.trainLoss()),
                    100 * benchmark.accuracy()));
        }
        if (result.benchmarks().isEmpty()) {
            out.append("  (no checkpoint was evaluated)\n");
        }
        result.best().ifPresent(best -> out.append(String.format(Locale.ROOT,
                "%n  best student exact match %.1f%% on %d held-out addition prompts; teacher %.1f%%%n",
                100 * best.accuracy(), best.prompts(), 100 * result.teacherAccuracy())));
        out.append('\n').append(perTeacherVersion(result, byId));
        return out.toString();
    }

    /**
     * Per teacher version: the teacher's accuracy, the champion that version produced and its accuracy relative to
     * the teacher's, the promotions, and the student's speed beside the teacher's.
     */
    private static String perTeacherVersion(DemoResult result, Map<String, CheckpointEvent> byId) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "  %-16s %8s %12s %-36s %8s %10s %11s%n", "teacher version", "answers",
                "teacher acc", "champion", "student", "of teacher", "promotions"));
        result.versions().forEach((version, counts) -> {
            double teacher = result.teacherAccuracy(version);
            java.util.Optional<BenchmarkEvent> champion = result.champion(version);
            out.append(String.format(Locale.ROOT, "  %-16s %8d %11.1f%% %-36s %8s %10s %11d%n", version,
                    counts.answered(), 100 * teacher, champion.map(BenchmarkEvent::checkpointId).orElse("(none)"),
                    champion.map(c -> String.format(Locale.ROOT, "%.1f%%", 100 * c.accuracy())).orElse("-"),
                    champion.filter(c -> teacher > 0)
                            .map(c -> String.format(Locale.ROOT, "%.0f%%", 100 * c.accuracy() / teacher)).orElse("-"),
                    result.promotionsUnder(version)));
            champion.ifPresent(c -> out.append(String.format(Locale.ROOT,
                    "    speed: the student takes %.1f ms per answer (p99 %s, %.0f tokens/s); a teacher answer took"
                            + " %.1f ms through the gateway, queueing included%n    size: the student has %,d"
                            + " parameters%s%n",
                    c.latencyMsPerPrompt(), c.latencyP99Ms() == null ? "-"
                            : String.format(Locale.ROOT, "%.1f ms", c.latencyP99Ms()),
                    c.tokensPerSecond(), counts.meanLatencyMs(), byId.containsKey(c.checkpointId())
                            ? byId.get(c.checkpointId()).parameterCount() : result.parameterCount(),
                    c.checkpointBytes() == null ? ""
                            : String.format(Locale.ROOT, ", %.2f MB on disk", c.checkpointBytes() / 1e6))));
        });
        out.append("  (teacher acc: the evaluator's baseline on the same suite when it has one, else the share of the"
                + " version's answers that verified;\n   the champion is the one in place when the version's phase"
                + " ended)\n");
        return out.toString();
    }

    static String duration(Duration d) {
        return String.format(Locale.ROOT, "%dm %02ds", d.toMinutes(), d.toSecondsPart());
    }
}
