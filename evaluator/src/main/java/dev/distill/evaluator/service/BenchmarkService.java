package dev.distill.evaluator.service;

import dev.distill.evaluator.config.EvaluatorConfig;
import dev.distill.evaluator.domain.BenchmarkResult;
import dev.distill.events.BenchmarkEvent;
import dev.distill.events.CheckpointEvent;
import dev.distill.events.DistillEvent;
import dev.distill.events.EventCodec;
import dev.distill.model.Checkpoints;
import dev.distill.model.Student;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.Record;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/** Scores a checkpoint on the built-in suite once, records the result, and publishes the BenchmarkEvent. */
@ApplicationScoped
public class BenchmarkService {

    private static final Logger LOG = Logger.getLogger(BenchmarkService.class);

    @Inject
    EvaluatorConfig config;

    @Inject
    EvalSuite suite;

    @Inject
    CheckpointScorer scorer;

    @Inject
    MeterRegistry registry;

    @Inject
    @Channel("benchmarks")
    Emitter<Record<String, DistillEvent>> benchmarks;

    private final AtomicReference<Double> latestAccuracy = new AtomicReference<>(Double.NaN);

    void registerGauges(@Observes StartupEvent event) {
        registry.gauge("distill_evaluator_latest_accuracy", latestAccuracy, AtomicReference::get);
    }

    public BenchmarkEvent evaluate(CheckpointEvent checkpoint) {
        String benchmarkId = BenchmarkEvent.idOf(checkpoint.checkpointId(), suite.name());
        BenchmarkResult existing = QuarkusTransaction.requiringNew().call(() -> BenchmarkResult.findById(benchmarkId));
        BenchmarkEvent event;
        if (existing != null) { // redelivered: publish the same result again rather than score twice
            event = EventCodec.fromJson(existing.eventJson, BenchmarkEvent.class);
        } else {
            event = score(checkpoint);
            BenchmarkEvent scored = event;
            QuarkusTransaction.requiringNew().run(() -> record(scored).persist());
        }
        benchmarks.send(Record.of(event.key(), event)).toCompletableFuture().join();
        return event;
    }

    private BenchmarkEvent score(CheckpointEvent checkpoint) {
        Timer.Sample timing = Timer.start(registry);
        CheckpointScorer.Score score;
        try (Student student = Checkpoints.load(Path.of(URI.create(checkpoint.uri())))) {
            score = scorer.score(student, suite);
        }
        timing.stop(registry.timer("distill_evaluator_benchmark_seconds", "suite", suite.name()));
        registry.counter("distill_evaluator_benchmarks_total", "suite", suite.name()).increment();
        latestAccuracy.set(score.accuracy());
        LOG.infof("%s on %s: %.1f%% exact match over %d prompts", checkpoint.checkpointId(), suite.name(),
                100 * score.accuracy(), score.prompts());
        String teacherVersion = checkpoint.teacherVersions().isEmpty() ? null
                : checkpoint.teacherVersions().get(checkpoint.teacherVersions().size() - 1);
        return new BenchmarkEvent(BenchmarkEvent.SCHEMA_VERSION, checkpoint.checkpointId(), checkpoint.studentId(),
                suite.name(), teacherVersion, score.prompts(), score.accuracy(), score.perSkill(), null, null,
                score.latencyMsPerPrompt(), score.tokensPerSecond(),
                score.accuracy() >= config.gate() ? "pass" : "below-gate", Instant.now());
    }

    private static BenchmarkResult record(BenchmarkEvent event) {
        BenchmarkResult result = new BenchmarkResult();
        result.benchmarkId = event.eventId();
        result.checkpointId = event.checkpointId();
        result.suite = event.suite();
        result.studentId = event.studentId();
        result.prompts = event.prompts();
        result.accuracy = event.accuracy();
        result.eventJson = EventCodec.toJson(event);
        result.createdAt = event.createdAt();
        return result;
    }
}
