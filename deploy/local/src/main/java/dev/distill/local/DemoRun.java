package dev.distill.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.distill.events.BenchmarkEvent;
import dev.distill.events.CheckpointEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.PromotionEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The demo: one campaign of addition prompts through the whole pipeline, watched live on the topics, ending
 * with a summary of teacher and student accuracy.
 */
public final class DemoRun {

    private final LocalStack stack;
    private final DemoSettings settings;
    private final ProgressLog out;

    public DemoRun(LocalStack stack, DemoSettings settings, ProgressLog out) {
        this.stack = stack;
        this.settings = settings;
        this.out = out;
    }

    public DemoResult run() {
        Instant started = Instant.now();
        String campaign = startCampaign();
        out.info("campaign " + campaign + ": " + settings.prompts() + " addition prompts (difficulty "
                + settings.difficulty() + ") at " + settings.ratePerSecond() + "/s");
        Instant deadline = started.plus(settings.timeout());
        try (PipelineWatcher watcher = new PipelineWatcher(stack.bootstrapServers())) {
            boolean timedOut = !follow(watcher, started, deadline, () -> finished(watcher));
            Map<String, String> championAtEnd = new LinkedHashMap<>();
            String first = watcher.versions().keySet().stream().findFirst().orElse(null);
            recordChampion(watcher, first, championAtEnd);
            if (!timedOut && first != null && settings.nextTeacherVersion() != null) {
                String next = first.substring(0, first.indexOf('@') + 1) + settings.nextTeacherVersion();
                long stepAtChange = watcher.checkpoints().stream().mapToLong(CheckpointEvent::step).max().orElse(0);
                announce(first.substring(0, first.indexOf('@')), settings.nextTeacherVersion());
                out.info("teacher " + next + " announced at step " + stepAtChange + ": the campaign is replayed to it,"
                        + " and the trainer starts a round from the champion");
                timedOut = !follow(watcher, started, deadline, () -> roundFinished(watcher, next, stepAtChange));
                recordChampion(watcher, next, championAtEnd);
            }
            out.status(statusLine(watcher, started));
            DemoResult result = result(watcher, started, timedOut, championAtEnd);
            out.info("");
            out.info(SummaryTable.render(result, watcher.checkpoints(), settings));
            return result;
        }
    }

    /** The champion as the phase of {@code version} ends: the last promotion so far. */
    private static void recordChampion(PipelineWatcher watcher, String version, Map<String, String> championAtEnd) {
        for (int i = 0; i < 4; i++) { // the promotion of the benchmark that ended the phase follows it closely
            watcher.poll(Duration.ofMillis(500));
        }
        List<PromotionEvent> promotions = watcher.promotions();
        if (version != null && !promotions.isEmpty()) {
            championAtEnd.put(version, promotions.get(promotions.size() - 1).checkpointId());
        }
    }

    /** Shows progress until {@code done}; false if the deadline came first. */
    private boolean follow(PipelineWatcher watcher, Instant started, Instant deadline,
            java.util.function.BooleanSupplier done) {
        Instant lastStatus = Instant.EPOCH;
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            stack.deadProcess().ifPresent(dead -> {
                throw new StackFailure(dead.name() + " stopped during the demo. Last lines of " + dead.log()
                        + ":\n" + dead.tail(25));
            });
            watcher.poll(Duration.ofMillis(500));
            if (Duration.between(lastStatus, Instant.now()).compareTo(out.statusInterval()) >= 0) {
                out.status(statusLine(watcher, started));
                lastStatus = Instant.now();
            }
        }
        return true;
    }

    /** Done when a checkpoint trained on the whole campaign meets the target, or the last checkpoint is scored. */
    private boolean finished(PipelineWatcher watcher) {
        boolean allAnswered = watcher.prompts() >= settings.prompts()
                && watcher.curated() + watcher.rejected() >= settings.prompts();
        for (BenchmarkEvent benchmark : watcher.benchmarks()) {
            CheckpointEvent checkpoint = watcher.checkpoint(benchmark.checkpointId());
            if (checkpoint == null) {
                continue;
            }
            if (checkpoint.step() >= settings.trainSteps()) {
                return true;
            }
            if (allAnswered && benchmark.accuracy() >= settings.targetAccuracy()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The round of {@code version} is done when one of its checkpoints, trained on the whole replayed campaign, meets
     * the target, or when one at the end of its step budget is scored. (Whether it becomes champion is the gate's
     * decision: it must beat the champion the first phase left.)
     */
    private boolean roundFinished(PipelineWatcher watcher, String version, long stepAtChange) {
        PipelineWatcher.VersionCounts counts = watcher.versions().get(version);
        boolean allAnswered = counts != null && counts.answered() >= settings.prompts()
                && watcher.curated() + watcher.rejected() >= 2L * settings.prompts();
        for (BenchmarkEvent benchmark : watcher.benchmarks()) {
            CheckpointEvent checkpoint = watcher.checkpoint(benchmark.checkpointId());
            if (checkpoint == null || !version.equals(benchmark.teacherVersion())) {
                continue;
            }
            if (checkpoint.step() >= stepAtChange + settings.trainSteps()) {
                return true;
            }
            if (allAnswered && benchmark.accuracy() >= settings.targetAccuracy()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts the reference teacher's {@code version} as a process of its own and announces it to the gateway as the
     * next version of {@code teacher}, replaying every prompt to it.
     */
    private void announce(String teacher, String version) {
        String process = "reference-teacher-" + version;
        stack.startExtra("reference-teacher", process, java.util.Map.of("teacher.version", version));
        ObjectNode body = EventCodec.mapper().createObjectNode();
        body.put("version", version);
        body.put("model", "reference-teacher-" + version);
        body.put("baseUrl", stack.url(process));
        body.put("replayPolicy", "all");
        post(stack.url("teacher-gateway") + "/teachers/" + teacher + "/versions", body);
    }

    private DemoResult result(PipelineWatcher watcher, Instant started, boolean timedOut,
            Map<String, String> championAtEnd) {
        List<BenchmarkEvent> benchmarks = watcher.benchmarks().stream()
                .sorted(Comparator.comparing(BenchmarkEvent::createdAt)).toList();
        long parameters = watcher.checkpoints().stream().mapToLong(CheckpointEvent::parameterCount).max().orElse(0);
        return new DemoResult(watcher.prompts(), watcher.responses(), watcher.curated(), watcher.rejected(),
                watcher.rejectedByReason(), benchmarks, watcher.versions(), watcher.promotions(), championAtEnd,
                parameters, Duration.between(started, Instant.now()), timedOut);
    }

    private String statusLine(PipelineWatcher watcher, Instant started) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%s] prompts %d/%d | answers %d | curated %d"
                        + " rejected %d", SummaryTable.duration(Duration.between(started, Instant.now())),
                watcher.prompts(), settings.prompts(), watcher.responses(), watcher.curated(), watcher.rejected()));
        watcher.checkpoints().stream().max(Comparator.comparingLong(CheckpointEvent::step)).ifPresent(ck ->
                line.append(String.format(Locale.ROOT, " | train step %d loss %.3f", ck.step(), ck.trainLoss())));
        watcher.benchmarks().stream().max(Comparator.comparing(BenchmarkEvent::createdAt)).ifPresent(b ->
                line.append(String.format(Locale.ROOT, " | latest benchmark %.1f%% (%s)", 100 * b.accuracy(),
                        b.teacherVersion())));
        return line.toString();
    }

    private String startCampaign() {
        ObjectNode body = EventCodec.mapper().createObjectNode();
        body.put("name", "demo");
        body.putArray("skills").add("addition");
        body.put("count", settings.prompts());
        body.put("seed", 7);
        body.put("ratePerSecond", settings.ratePerSecond());
        body.put("difficulty", settings.difficulty());
        body.put("split", "train");
        JsonNode campaign = post(stack.url("prompt-generator") + "/campaigns", body);
        return campaign.path("id").asText();
    }

    private static JsonNode post(String url, ObjectNode body) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new StackFailure("POST " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return EventCodec.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new StackFailure("cannot POST " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackFailure("interrupted", e);
        }
    }
}
