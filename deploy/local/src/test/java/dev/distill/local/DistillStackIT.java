package dev.distill.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.events.BenchmarkEvent;
import dev.distill.events.Topics;
import dev.distill.testing.TopicProbe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The whole platform as separate processes (broker, reference teacher, five services) on free ports, against the
 * machine's PostgreSQL, running a small campaign end to end.
 */
class DistillStackIT {

    /**
     * An untrained byte-level student scores 0%: it would have to emit {@code ####} followed by the exact sum by
     * chance. Half of the held-out prompts right can only come from learning addition from the teacher's answers,
     * and leaves room for the shorter training this test can afford on 2 cores.
     */
    private static final double THRESHOLD = 0.5;

    @Test
    void aCampaignFlowsThroughEveryServiceAndTheStudentLearns() {
        Path repo = Path.of("").toAbsolutePath().getParent().getParent();
        DemoSettings settings = new DemoSettings(2000, 1, 500, 0.95, 1000, 200, 100, Duration.ofMinutes(14), "v2");
        StackOptions options = new StackOptions(repo, repo.resolve("deploy/local/target/e2e"), StackPorts.free(),
                "distill_e2e", true, "v1", DistillCli.demoServiceProps(settings));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ProgressLog out = new ProgressLog(new PrintStream(console, true, StandardCharsets.UTF_8), false);

        DemoResult result;
        String bootstrap;
        try (LocalStack stack = LocalStack.start(options, out)) {
            bootstrap = stack.bootstrapServers();
            result = new DemoRun(stack, settings, out).run();
            System.out.println(console.toString(StandardCharsets.UTF_8));

            assertThat(result.timedOut()).as("timed out").isFalse();
            assertThat(result.prompts()).isEqualTo(settings.prompts());
            // every prompt answered by v1, and again by v2 after the change
            assertThat(result.versions()).containsOnlyKeys("reference@v1", "reference@v2");
            result.versions().forEach((version, counts) ->
                    assertThat(counts.answered()).as(version + " answers").isEqualTo(settings.prompts()));
            assertThat(result.curated() + result.rejected()).isEqualTo(2 * settings.prompts());
            // reference teacher v1 is wrong on about 15% of prompts, v2 on about 4%; the curator drops exactly those
            assertThat(result.versions().get("reference@v1").accuracy()).isBetween(0.78, 0.92);
            assertThat(result.versions().get("reference@v2").accuracy()).isBetween(0.92, 0.99);
            assertThat(result.benchmarks()).isNotEmpty();
            BenchmarkEvent best = result.best().orElseThrow();
            assertThat(best.prompts()).isEqualTo(settings.evalPrompts());
            assertThat(best.accuracy()).as("best student exact match").isGreaterThanOrEqualTo(THRESHOLD);
            // for each teacher version, a champion came through the gate with at least 95% of the teacher's accuracy
            for (String version : result.versions().keySet()) {
                BenchmarkEvent champion = result.champion(version).orElseThrow(
                        () -> new AssertionError("no champion while learning from " + version));
                assertThat(champion.accuracy()).as(version + " champion against the teacher's "
                        + result.teacherAccuracy(version)).isGreaterThanOrEqualTo(0.95 * result.teacherAccuracy(version));
                assertThat(champion.verdict()).isEqualTo("promoted");
            }

            for (String topic : List.of(Topics.PROMPTS, Topics.TEACHER_RESPONSES, Topics.SAMPLES_CURATED,
                    Topics.SAMPLES_REJECTED, Topics.CHECKPOINTS, Topics.BENCHMARKS)) {
                ConsumerRecord<String, String> record = TopicProbe.await(bootstrap, topic, 1, r -> true,
                        Duration.ofSeconds(20)).get(0);
                Map<String, String> headers = TopicProbe.headers(record);
                assertThat(headers).as(topic).containsKeys("ce_id", "ce_type", "ce_source", "ce_specversion", "ce_time");
                assertThat(record.value()).as(topic).startsWith("{").contains("\"schemaVersion\":1");
            }
        }
    }
}
