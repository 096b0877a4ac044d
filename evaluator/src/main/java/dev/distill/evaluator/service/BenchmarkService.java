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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Scores a checkpoint once on every registered suite (the built-in one first), each beside the teacher's baseline on
 * that suite when it exists; judges it against its student's champion on the built-in suite only (the promotion
 * gate); records each result (with the promotion, if any, in the same transaction) and publishes a BenchmarkEvent
 * per suite (and the PromotionEvent, if any).
 */
@ApplicationScoped
public class BenchmarkService {

    private static final Logger LOG = Logger.getLogger(BenchmarkService.class);

    @Inject
    EvaluatorConfig config;

    @Inject
    Suites suites;

    @Inject
    TeacherBaselines baselines;

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
     * Scores, judges and publishes the checkpoint on every suite it was not scored on before (for those it was, a
     * redelivery, the same result is published again). A checkpoint that cannot be loaded is recorded as failed with
     * the reason, and nothing new is published for it.
     */
    public void evaluate(CheckpointEvent checkpoint) {
        String teacherVersion = teacherVersionOf(checkpoint);
        List<EvalSuite> all = suites.all();
        List<EvalSuite> unscored = new ArrayList<>();
        List<BenchmarkEvent> scored = new ArrayList<>();
        for (EvalSuite suite : all) {
            BenchmarkResult existing = QuarkusTransaction.requiringNew().call(
                    () -> BenchmarkResult.findById(BenchmarkEvent.idOf(checkpoint.checkpointId(), suite.name())));
            if (existing != null) {
                scored.add(EventCodec.fromJson(existing.eventJson, BenchmarkEvent.class));
            } else {
                unscored.add(suite);
            }
        }
        scored.forEach(this::publish); // redelivered: the same results again rather than scoring twice
        if (!unscored.isEmpty()) {
            baselines.prepare(teacherVersion, unscored); // all suites' baselines at once, while the student loads
            Student student;
            try {
                student = Checkpoints.load(Path.of(URI.create(checkpoint.uri())));
            } catch (RuntimeException e) {
                unscored(checkpoint, UnscoredCheckpoint.FAILED, e.getMessage());
                return;
            }
            try (student) {
                for (EvalSuite suite : unscored) {
                    Optional<TeacherBaselines.Baseline> baseline = baselines.await(teacherVersion, suite);
                    CheckpointScorer.Score score;
                    try {
                        score = score(checkpoint, student, suite, baseline);
                    } catch (RuntimeException e) { // the checkpoint loaded but cannot generate: unreadable too
                        unscored(checkpoint, UnscoredCheckpoint.FAILED, e.getMessage());
                        return;
                    }
                    BenchmarkEvent event = QuarkusTransaction.requiringNew().call(
                            () -> judgeAndRecord(checkpoint, teacherVersion, suite, score, baseline));
                    metrics.scored(event);
                    publish(event);
                }
            }
        }
        promotions.publishPending();
    }

    /** Records that {@code older} was not scored because {@code newer}, of the same student, arrived before it was. */
    public void skip(CheckpointEvent older, CheckpointEvent newer) {
        unscored(older, UnscoredCheckpoint.SKIPPED, "superseded by " + newer.checkpointId() + " (step " + newer.step()
                + ") before it was scored");
    }

    /** The teacher version the checkpoint learned from last: the one its results are compared with. */
    static String teacherVersionOf(CheckpointEvent checkpoint) {
        return checkpoint.teacherVersions().isEmpty() ? null
                : checkpoint.teacherVersions().get(checkpoint.teacherVersions().size() - 1);
    }

    private void publish(BenchmarkEvent event) {
        benchmarks.send(Record.of(event.key(), event)).toCompletableFuture().join();
    }

    private void unscored(CheckpointEvent checkpoint, String status, String reason) {
        boolean recorded = QuarkusTransaction.requiringNew().call(() -> {
            if (BenchmarkResult.findById(BenchmarkEvent.idOf(checkpoint.checkpointId(), suites.builtin().name())) != null
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
        }
        LOG.warnf("%s not scored (%s): %s", checkpoint.checkpointId(), status, reason);
    }

    private CheckpointScorer.Score score(CheckpointEvent checkpoint, Student student, EvalSuite suite,
            Optional<TeacherBaselines.Baseline> baseline) {
        long started = System.nanoTime();
        CheckpointScorer.Score score = scorer.score(student, suite,
                baseline.map(TeacherBaselines.Baseline::answers).orElse(null));
        metrics.evaluationTook(suite.name(), System.nanoTime() - started);
        LOG.infof("%s on %s: %.1f%% exact match over %d prompts (teacher %s)", checkpoint.checkpointId(), suite.name(),
                100 * score.accuracy(), score.prompts(), baseline.map(b -> String.format(Locale.ROOT,
                        "%.1f%%, agreement %.1f%%", 100 * b.accuracy(), 100 * score.grade().agreement()))
                        .orElse("not scored"));
        return score;
    }

    /**
     * In one transaction, holding the student's lock (so two evaluators judging two checkpoints of one student take
     * turns): the gate's decision against the current champion (built-in suite only), the result, and the promotion
     * if there is one.
     */
    private BenchmarkEvent judgeAndRecord(CheckpointEvent checkpoint, String teacherVersion, EvalSuite suite,
            CheckpointScorer.Score score, Optional<TeacherBaselines.Baseline> baseline) {
        boolean judged = suite.name().equals(suites.builtin().name());
        PromotionGate.Decision decision = new PromotionGate.Decision(PromotionGate.UNJUDGED,
                "only the built-in suite is judged");
        if (judged) {
            em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                    .setParameter(1, "champion:" + checkpoint.studentId()).getSingleResult();
            Optional<PromotionGate.Scores> champion = Optional
                    .ofNullable(Champion.<Champion>findById(checkpoint.studentId()))
                    .map(c -> EventCodec.fromJson(BenchmarkResult.<BenchmarkResult>findById(c.benchmarkId).eventJson,
                            BenchmarkEvent.class))
                    .map(b -> new PromotionGate.Scores(b.accuracy(), b.perSkillAccuracy()));
            decision = PromotionGate.of(config).decide(new PromotionGate.Scores(score.accuracy(), score.perSkill()),
                    champion);
        }
        Instant now = Instant.now();
        SuiteGrade grade = score.grade();
        BenchmarkEvent event = new BenchmarkEvent(BenchmarkEvent.SCHEMA_VERSION, checkpoint.checkpointId(),
                checkpoint.studentId(), suite.name(), teacherVersion, grade.prompts(), grade.accuracy(),
                grade.perSkill(), baseline.map(TeacherBaselines.Baseline::accuracy).orElse(null), grade.agreement(),
                score.latencyMsPerPrompt(), score.tokensPerSecond(), decision.verdict(), now,
                baseline.map(TeacherBaselines.Baseline::perSkill).orElse(null), grade.perSkillAgreement(),
                score.latencyP99Ms(), checkpoint.parameterCount(), checkpointBytes(checkpoint));
        record(event).persist();
        if (decision.promoted()) {
            promotions.promote(checkpoint.studentId(), checkpoint.checkpointId(), checkpoint.uri(), event.eventId(),
                    score.accuracy(), teacherVersion, decision.reason(), now);
        } else if (judged) {
            LOG.infof("%s stays unpromoted (%s): %s", checkpoint.checkpointId(), decision.verdict(), decision.reason());
        }
        return event;
    }

    /** The checkpoint's size on disk (all its files), or null when it cannot be read. */
    static Long checkpointBytes(CheckpointEvent checkpoint) {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(Path.of(URI.create(checkpoint.uri())))) {
            return files.filter(java.nio.file.Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
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
        result.teacherBaseline = event.teacherBaseline();
        result.agreement = event.agreementWithTeacher();
        result.eventJson = EventCodec.toJson(event);
        result.createdAt = event.createdAt();
        return result;
    }
}
