package dev.distill.trainer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.events.ChatMessage;
import dev.distill.events.CuratedSampleEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.TeacherRef;
import dev.distill.events.TokenLogprob;
import dev.distill.events.Topics;
import dev.distill.model.Checkpoints;
import dev.distill.skills.Addition;
import dev.distill.skills.Problem;
import dev.distill.skills.Split;
import dev.distill.testing.DistillTestResource;
import dev.distill.testing.Eventually;
import dev.distill.testing.TopicProbe;
import dev.distill.trainer.service.TrainingLoop;
import dev.distill.trainer.service.TrainingStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A student configured for top-k distillation learns from the teacher's token probabilities where they spell the
 * answer, falls back to cross-entropy where they do not, and the trainer's metrics show it.
 */
@QuarkusTest
@TestProfile(TrainerDistillationTest.Distilling.class)
@WithTestResource(DistillTestResource.class)
class TrainerDistillationTest {

    private static final TeacherRef TEACHER = new TeacherRef("reference", "reference-teacher", "v1");
    private static final int ALIGNED = 40;
    /** Other characters the reference teacher might have written, for the top alternatives. */
    private static final String ALTERNATIVES = "0123456789 +=\n";

    /**
     * Distillation, and a step budget the test does not reach: rates are measured while training runs. Checkpoints
     * come by time only (every 2 s; the step interval is never reached).
     */
    public static class Distilling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("distill.trainer.loss", "kd", "distill.trainer.max-steps", "100000",
                    "distill.trainer.checkpoint-every", "1000000", "distill.trainer.checkpoint-interval", "2s");
        }
    }

    @Inject
    TrainingLoop loop;

    @Inject
    MeterRegistry registry;

    @Test
    void distilsWhereTheTeachersTokensSpellTheAnswerAndExportsTheTrainingMetrics() {
        Addition addition = new Addition();
        Map<String, String> records = new LinkedHashMap<>();
        for (int i = 0; i < ALIGNED; i++) {
            Problem problem = addition.generate(Split.TRAIN.seed(3, i), 1);
            String answer = addition.solve(problem);
            put(records, sample("kd-" + i, problem.prompt(), answer, teacherTokens(answer)));
        }
        Problem problem = addition.generate(Split.TRAIN.seed(4, 0), 1);
        String answer = addition.solve(problem);
        put(records, sample("misaligned", problem.prompt(), answer, teacherTokens(answer + "!")));
        put(records, sample("redacted", problem.prompt(), answer, List.of()));
        TopicProbe.sendAll(DistillTestResource.broker().bootstrapServers(), Topics.SAMPLES_CURATED, records);

        // the checkpoint can only come from checkpoint-interval: neither checkpoint-every nor max-steps is reached
        Eventually.await("every sample stored and trained, a checkpoint and a throughput",
                Duration.ofSeconds(60), () -> loop.status().samplesStored() == ALIGNED + 2
                && loop.status().samplesUntrained() == 0
                && counter("distill_trainer_distilled_tokens_total") > 0 && loop.status().latestCheckpoint() != null
                && gauge("distill_trainer_tokens_per_second") > 0);

        assertThat(outcome("projected")).isEqualTo(ALIGNED);
        assertThat(outcome("misaligned")).isEqualTo(1); // still trained: stored, no sample left untrained or dropped
        assertThat(outcome("no-tokens")).isEqualTo(1);
        assertThat(outcome("no-alternatives")).isZero();
        assertThat(registry.find("distill_trainer_samples_dropped_total").counters())
                .allSatisfy(c -> assertThat(c.count()).isZero());
        TrainingStatus status = loop.status();
        assertThat(status.state()).isEqualTo("training");
        assertThat(status.lossDistillation()).isFinite().isPositive();
        assertThat(status.lossCrossEntropy()).isFinite().isPositive();

        String newest = given().get("/checkpoints").then().statusCode(200).extract().path("uri[0]");
        assertThat(Checkpoints.readTraining(Path.of(URI.create(newest))).get("loss"))
                .isEqualTo(Map.of("kind", "KD", "alpha", 0.5, "beta", 0.5, "tau", 1.0));

        // the consumer commits its offsets, and the lag is measured, every few seconds: it reaches 0 a little later
        Eventually.await("no consumer lag", Duration.ofSeconds(60),
                () -> scrape().get("distill_trainer_consumer_lag") == 0.0);
        Map<String, Double> metrics = scrape();
        double ce = metrics.get("distill_trainer_loss{part=\"ce\"}");
        double kd = metrics.get("distill_trainer_loss{part=\"kd\"}");
        assertThat(ce).isFinite().isPositive();
        assertThat(kd).isFinite().isPositive();
        // alpha = beta = 0.5 and tau = 1 by default; each part is smoothed separately, so only roughly the sum
        assertThat(metrics.get("distill_trainer_loss{part=\"total\"}")).isFinite().isPositive()
                .isLessThan(ce + kd);
        assertThat(metrics.get("distill_trainer_tokens_per_second")).isGreaterThan(100);
        assertThat(metrics.get("distill_trainer_samples_per_second")).isPositive()
                .isLessThan(metrics.get("distill_trainer_tokens_per_second"));
        assertThat(metrics.get("distill_trainer_step_seconds_count")).isGreaterThanOrEqualTo(10);
        assertThat(metrics.get("distill_trainer_step_seconds_sum")).isPositive();
        assertThat(metrics.get("distill_trainer_replay_samples")).isEqualTo(ALIGNED + 2);
        assertThat(metrics.get("distill_trainer_checkpoint_age_seconds")).isBetween(0.0, 60.0);
        assertThat(metrics.get("distill_trainer_distilled_tokens_total")).isPositive();
        assertThat(metrics.get("distill_trainer_teacher_targets_total{outcome=\"misaligned\"}")).isEqualTo(1);
        double heap = metrics.get("distill_trainer_memory_bytes{kind=\"heap\"}");
        assertThat(heap).isGreaterThan(1 << 20);
        assertThat(metrics.get("distill_trainer_memory_bytes{kind=\"native\"}")).isGreaterThan(heap);
        assertThat(metrics).containsKeys("distill_trainer_step", "distill_trainer_samples_untrained",
                "distill_trainer_tokens_total", "distill_trainer_steps_total");
    }

    /** One token per code point, as the reference teacher writes them, with its top alternatives (chosen included). */
    private static List<TokenLogprob> teacherTokens(String text) {
        List<TokenLogprob> tokens = new ArrayList<>();
        text.codePoints().forEach(cp -> {
            String chosen = Character.toString(cp);
            List<TokenLogprob.Alternative> top = new ArrayList<>();
            top.add(new TokenLogprob.Alternative(chosen, Math.log(0.7)));
            ALTERNATIVES.codePoints().mapToObj(Character::toString).filter(a -> !a.equals(chosen)).limit(4)
                    .forEach(a -> top.add(new TokenLogprob.Alternative(a, Math.log(0.05))));
            tokens.add(new TokenLogprob(chosen, Math.log(0.7), top));
        });
        return tokens;
    }

    private static CuratedSampleEvent sample(String id, String prompt, String answer, List<TokenLogprob> tokens) {
        return new CuratedSampleEvent(1, "distil-" + id, "p-" + id, TEACHER,
                List.of(ChatMessage.user(prompt), ChatMessage.assistant(answer)), tokens, "addition", "train",
                Map.of(), "reference@v1", Instant.now());
    }

    private static void put(Map<String, String> records, CuratedSampleEvent sample) {
        records.put(sample.key(), EventCodec.toJson(sample));
    }

    private double outcome(String outcome) {
        return registry.find("distill_trainer_teacher_targets_total").tag("outcome", outcome).counter().count();
    }

    private double counter(String name) {
        return registry.find(name).counter().count();
    }

    private double gauge(String name) {
        Search search = registry.find(name);
        return search.gauge() == null ? Double.NaN : search.gauge().value();
    }

    /** The Prometheus exposition as series (name and labels, as written) to value. */
    private static Map<String, Double> scrape() {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> series = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return series;
    }

}
