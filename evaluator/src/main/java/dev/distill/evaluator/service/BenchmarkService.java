package dev.distill.evaluator.service;

import dev.distill.evaluator.config.EvaluatorConfig;
import dev.distill.evaluator.domain.BenchmarkResult;
import dev.distill.evaluator.domain.Champion;
import dev.distill.evaluator.domain.UnscoredCheckpoint;
import dev.distill.events.BenchmarkEvent;
import dev.distill.events.CheckpointEvent;
import dev.distill.events.DistillEvent;
import dev.distill.events.EventCodec;
import dev.distill.model.Checkpoints;
import dev.distill.model.Student;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Scores a checkpoint on the built-in suite once, judges it against its student's champion (the promotion gate),
 * records both in one transaction, and publishes the BenchmarkEvent (and the PromotionEvent, if any).
 */
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
    Promotions promotions;

    @Inject
    EvaluationMetrics metrics;

    @Inject
    EntityManager em;

    @Inject
    @Channel("benchmarks")
    Emitter<Record<String, DistillEvent>> benchmarks;

    /**
     * Scores, judges and publishes the checkpoint, unless that was done before (a redelivery: the same result is
     * published again). A checkpoint that cannot be loaded is recorded as failed with the reason, and nothing is
     * published for it.
     */
    public void evaluate(CheckpointEvent checkpoint) {
        String benchmarkId = BenchmarkEvent.idOf(checkpoint.checkpointId(), suite.name());
        BenchmarkResult existing = QuarkusTransaction.requiringNew().call(() -> BenchmarkResult.findById(benchmarkId));
        BenchmarkEvent event;
        if (existing != null) { // redelivered: publish the same result again rather than score twice
            event = EventCodec.fromJson(existing.eventJson, BenchmarkEvent.class);
        } else {
            CheckpointScorer.Score score;
            try {
                score = score(checkpoint);
            } catch (RuntimeException e) {
                unscored(checkpoint, UnscoredCheckpoint.FAILED, e.getMessage());
                return;
            }
            event = QuarkusTransaction.requiringNew().call(() -> judgeAndRecord(checkpoint, score));
            metrics.scored(event);
        }
        benchmarks.send(Record.of(event.key(), event)).toCompletableFuture().join();
        promotions.publishPending();
    }

    /** Records that {@code older} was not scored because {@code newer}, of the same student, arrived before it was. */
    public void skip(CheckpointEvent older, CheckpointEvent newer) {
        unscored(older, UnscoredCheckpoint.SKIPPED, "superseded by " + newer.checkpointId() + " (step " + newer.step()
                + ") before it was scored");
    }

    private void unscored(CheckpointEvent checkpoint, String status, String reason) {
        boolean recorded = QuarkusTransaction.requiringNew().call(() -> {
            if (BenchmarkResult.findById(BenchmarkEvent.idOf(checkpoint.checkpointId(), suite.name())) != null
                    || UnscoredCheckpoint.findById(checkpoint.checkpointId()) != null) {
                return false; // scored or recorded on an earlier delivery
            }
            UnscoredCheckpoint row = new UnscoredCheckpoint();
            row.checkpointId = checkpoint.checkpointId();
            row.studentId = checkpoint.studentId();
            row.status = status;
            row.reason = reason == null ? "unknown" : reason;
            row.createdAt = Instant.now();
            row.persist();
            return true;
        });
        if (recorded) {
            metrics.unscored(status);
            LOG.warnf("%s not scored (%s): %s", checkpoint.checkpointId(), status, reason);
        }
    }

    private CheckpointScorer.Score score(CheckpointEvent checkpoint) {
        long started = System.nanoTime();
        CheckpointScorer.Score score;
        try (Student student = Checkpoints.load(Path.of(URI.create(checkpoint.uri())))) {
            score = scorer.score(student, suite);
        }
        metrics.evaluationTook(suite.name(), System.nanoTime() - started);
        LOG.infof("%s on %s: %.1f%% exact match over %d prompts", checkpoint.checkpointId(), suite.name(),
                100 * score.accuracy(), score.prompts());
        return score;
    }

    /**
     * In one transaction, holding the student's lock (so two evaluators judging two checkpoints of one student take
     * turns): the gate's decision against the current champion, the result, and the promotion if there is one.
     */
    private BenchmarkEvent judgeAndRecord(CheckpointEvent checkpoint, CheckpointScorer.Score score) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "champion:" + checkpoint.studentId()).getSingleResult();
        String teacherVersion = checkpoint.teacherVersions().isEmpty() ? null
                : checkpoint.teacherVersions().get(checkpoint.teacherVersions().size() - 1);
        Optional<PromotionGate.Scores> champion = Optional.ofNullable(Champion.<Champion>findById(checkpoint.studentId()))
                .map(c -> EventCodec.fromJson(BenchmarkResult.<BenchmarkResult>findById(c.benchmarkId).eventJson,
                        BenchmarkEvent.class))
                .map(b -> new PromotionGate.Scores(b.accuracy(), b.perSkillAccuracy()));
        PromotionGate.Decision decision = PromotionGate.of(config)
                .decide(new PromotionGate.Scores(score.accuracy(), score.perSkill()), champion);
        Instant now = Instant.now();
        BenchmarkEvent event = new BenchmarkEvent(BenchmarkEvent.SCHEMA_VERSION, checkpoint.checkpointId(),
                checkpoint.studentId(), suite.name(), teacherVersion, score.prompts(), score.accuracy(),
                score.perSkill(), null, null, score.latencyMsPerPrompt(), score.tokensPerSecond(), decision.verdict(),
                now);
        record(event).persist();
        if (decision.promoted()) {
            promotions.promote(checkpoint.studentId(), checkpoint.checkpointId(), checkpoint.uri(), event.eventId(),
                    score.accuracy(), teacherVersion, decision.reason(), now);
        } else {
            LOG.infof("%s stays unpromoted (%s): %s", checkpoint.checkpointId(), decision.verdict(), decision.reason());
        }
        return event;
    }

    private static BenchmarkResult record(BenchmarkEvent event) {
        BenchmarkResult result = new BenchmarkResult();
        result.benchmarkId = event.eventId();
        result.checkpointId = event.checkpointId();
        result.suite = event.suite();
        result.studentId = event.studentId();
        result.prompts = event.prompts();
        result.accuracy = event.accuracy();
        result.teacherVersion = event.teacherVersion();
        result.verdict = event.verdict();
        result.eventJson = EventCodec.toJson(event);
        result.createdAt = event.createdAt();
        return result;
    }
}
