package dev.distill.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.distill.events.BenchmarkEvent;
import dev.distill.events.CheckpointEvent;
import dev.distill.events.EventCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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
            Instant lastStatus = Instant.EPOCH;
            boolean timedOut = false;
            while (!finished(watcher)) {
                if (Instant.now().isAfter(deadline)) {
                    timedOut = true;
                    break;
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
            out.status(statusLine(watcher, started));
            DemoResult result = result(watcher, started, timedOut);
            out.info("");
            out.info(SummaryTable.render(result, watcher.checkpoints(), settings));
            return result;
        }
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

    private DemoResult result(PipelineWatcher watcher, Instant started, boolean timedOut) {
        List<BenchmarkEvent> benchmarks = watcher.benchmarks().stream()
                .sorted(Comparator.comparing(BenchmarkEvent::createdAt)).toList();
        long parameters = watcher.checkpoints().stream().mapToLong(CheckpointEvent::parameterCount).max().orElse(0);
        return new DemoResult(watcher.prompts(), watcher.responses(), watcher.curated(), watcher.rejected(),
                watcher.rejectedByReason(), benchmarks,
                parameters, Duration.between(started, Instant.now()), timedOut);
    }

    private String statusLine(PipelineWatcher watcher, Instant started) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%s] prompts %d/%d | answers %d | curated %d"
                        + " rejected %d", SummaryTable.duration(Duration.between(started, Instant.now())),
                watcher.prompts(), settings.prompts(), watcher.responses(), watcher.curated(), watcher.rejected()));
        watcher.checkpoints().stream().max(Comparator.comparingLong(CheckpointEvent::step)).ifPresent(ck ->
                line.append(String.format(Locale.ROOT, " | train step %d loss %.3f", ck.step(), ck.trainLoss())));
        watcher.benchmarks().stream().max(Comparator.comparing(BenchmarkEvent::createdAt)).ifPresent(b ->
                line.append(String.format(Locale.ROOT, " | latest benchmark %.1f%%", 100 * b.accuracy())));
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
        String url = stack.url("prompt-generator") + "/campaigns";
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new StackFailure("POST " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode campaign = EventCodec.mapper().readTree(response.body());
            return campaign.path("id").asText();
        } catch (IOException e) {
            throw new StackFailure("cannot start the campaign at " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackFailure("interrupted", e);
        }
    }
}
