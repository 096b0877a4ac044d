package dev.distill.evaluator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.distill.evaluator.client.GatewayChatClient;
import dev.distill.evaluator.client.TeacherAnswer;
import dev.distill.evaluator.client.TeacherCallException;
import dev.distill.evaluator.config.EvaluatorConfig;
import dev.distill.evaluator.domain.TeacherBaseline;
import dev.distill.events.EventCodec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The teacher's score on each suite, once per teacher version: every prompt asked through the gateway's OpenAI proxy
 * (so the answers are cached and counted there), judged by the suite's checks, and stored with the answers (for the
 * student's agreement with them). Computed in the background, at most {@code distill.evaluator.teacher.concurrency}
 * prompts at once across all baselines; scoring a checkpoint waits at most {@code distill.evaluator.teacher.await}
 * for one and goes on without it otherwise. A failed baseline (the gateway down, or its route moved to another
 * version) is tried again after {@code distill.evaluator.teacher.retry-after}. Without
 * {@code distill.evaluator.teacher.url} there are no baselines.
 */
@ApplicationScoped
public class TeacherBaselines {

    private static final Logger LOG = Logger.getLogger(TeacherBaselines.class);
    private static final TypeReference<Map<String, Double>> PER_SKILL = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> ANSWERS = new TypeReference<>() {
    };

    /** A ready baseline: the teacher's accuracy overall and per skill, and its completion by prompt id. */
    public record Baseline(String teacherVersion, String suite, int prompts, double accuracy,
            Map<String, Double> perSkill, Map<String, String> answers) {
    }

    private final EvaluatorConfig config;
    private final EvaluationMetrics metrics;
    private final GatewayChatClient client;
    private final ExecutorService jobs = Executors.newCachedThreadPool(daemon("teacher-baseline"));
    private final ExecutorService askers;
    private final Map<String, CompletableFuture<Optional<Baseline>>> inFlight = new ConcurrentHashMap<>();

    public TeacherBaselines(EvaluatorConfig config, EvaluationMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        EvaluatorConfig.Teacher teacher = config.teacher();
        this.client = teacher.url().map(url -> new GatewayChatClient(url, teacher.timeout(), teacher.maxTokens()))
                .orElse(null);
        this.askers = Executors.newFixedThreadPool(Math.max(1, teacher.concurrency()), daemon("teacher-ask"));
    }

    @PreDestroy
    void stop() {
        jobs.shutdownNow();
        askers.shutdownNow();
    }

    /** Starts computing, in the background, the baselines of these suites the teacher version lacks. */
    public void prepare(String teacherVersion, List<EvalSuite> suites) {
        if (client != null && teacherVersion != null) {
            suites.forEach(suite -> start(teacherVersion, suite));
        }
    }

    /** The teacher version's baseline on the suite, waiting a bounded time for one being computed; empty if none. */
    public Optional<Baseline> await(String teacherVersion, EvalSuite suite) {
        if (client == null || teacherVersion == null) {
            return Optional.empty();
        }
        CompletableFuture<Optional<Baseline>> baseline = start(teacherVersion, suite);
        if (baseline == null) {
            return Optional.empty();
        }
        try {
            return baseline.get(config.teacher().await().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.infof("the baseline of %s on %s is not ready yet: scoring without it", teacherVersion, suite.name());
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** A stored baseline row as a Baseline, when it is ready. */
    public static Optional<Baseline> ready(TeacherBaseline row) {
        if (!TeacherBaseline.READY.equals(row.status)) {
            return Optional.empty();
        }
        return Optional.of(new Baseline(row.teacherVersion, row.suite, row.prompts, row.accuracy,
                read(row.perSkillJson, PER_SKILL), read(row.answersJson, ANSWERS)));
    }

    /**
     * The baseline when it is stored for this very suite, a computation (running or just started), or null when the
     * last attempt failed too recently to try again.
     */
    private synchronized CompletableFuture<Optional<Baseline>> start(String teacherVersion, EvalSuite suite) {
        String id = TeacherBaseline.idOf(teacherVersion, suite.name());
        CompletableFuture<Optional<Baseline>> running = inFlight.get(id);
        if (running != null) {
            return running;
        }
        String digest = suite.digest();
        TeacherBaseline row = QuarkusTransaction.requiringNew().call(() -> TeacherBaseline.findById(id));
        if (row != null && digest.equals(row.digest)) {
            if (TeacherBaseline.READY.equals(row.status)) {
                Optional<Baseline> baseline = ready(row);
                baseline.ifPresent(metrics::baseline);
                return CompletableFuture.completedFuture(baseline);
            }
            if (row.updatedAt.plus(config.teacher().retryAfter()).isAfter(Instant.now())) {
                return null;
            }
        }
        CompletableFuture<Optional<Baseline>> computing = CompletableFuture.supplyAsync(
                () -> compute(teacherVersion, suite, digest), jobs);
        inFlight.put(id, computing);
        computing.whenComplete((result, failure) -> inFlight.remove(id, computing));
        return computing;
    }

    private Optional<Baseline> compute(String teacherVersion, EvalSuite suite, String digest) {
        long started = System.nanoTime();
        // the gateway routes by teacher name; the version it answered with is checked below
        int at = teacherVersion.lastIndexOf('@');
        String model = at > 0 ? teacherVersion.substring(0, at) : teacherVersion;
        List<Future<TeacherAnswer>> asked = suite.items().stream()
                .map(item -> askers.submit(() -> client.ask(model, item.prompt()))).toList();
        try {
            List<String> completions = new ArrayList<>(asked.size());
            Map<String, String> answers = new LinkedHashMap<>();
            for (int i = 0; i < asked.size(); i++) {
                TeacherAnswer answer = asked.get(i).get();
                if (answer.answeredBy() != null && !answer.answeredBy().equals(teacherVersion)) {
                    throw new TeacherCallException("the gateway answered with " + answer.answeredBy() + ", not "
                            + teacherVersion + " (its route has moved on)");
                }
                completions.add(answer.completion());
                answers.put(suite.items().get(i).promptId(), answer.completion());
            }
            SuiteGrade grade = SuiteGrade.of(suite.items(), completions, null);
            long nanos = System.nanoTime() - started;
            Baseline baseline = new Baseline(teacherVersion, suite.name(), grade.prompts(), grade.accuracy(),
                    grade.perSkill(), answers);
            store(teacherVersion, suite.name(), digest, row -> {
                row.status = TeacherBaseline.READY;
                row.prompts = grade.prompts();
                row.accuracy = grade.accuracy();
                row.perSkillJson = json(grade.perSkill());
                row.answersJson = json(answers);
                row.reason = null;
                row.durationMs = TimeUnit.NANOSECONDS.toMillis(nanos);
            });
            metrics.baseline(baseline);
            metrics.baselineTook(suite.name(), TeacherBaseline.READY, nanos);
            LOG.infof("teacher %s on %s: %.1f%% over %d prompts in %d ms", teacherVersion, suite.name(),
                    100 * grade.accuracy(), grade.prompts(), TimeUnit.NANOSECONDS.toMillis(nanos));
            return Optional.of(baseline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            asked.forEach(f -> f.cancel(true));
            return Optional.empty();
        } catch (ExecutionException | RuntimeException e) {
            asked.forEach(f -> f.cancel(true));
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            try {
                store(teacherVersion, suite.name(), digest, row -> {
                    row.status = TeacherBaseline.FAILED;
                    row.prompts = suite.items().size();
                    row.accuracy = null;
                    row.perSkillJson = null;
                    row.answersJson = null;
                    row.reason = reason;
                    row.durationMs = null;
                });
            } catch (RuntimeException storing) {
                LOG.warnf("cannot record the failed baseline of %s on %s: %s", teacherVersion, suite.name(), storing);
            }
            metrics.baselineTook(suite.name(), TeacherBaseline.FAILED, System.nanoTime() - started);
            LOG.warnf("the baseline of %s on %s failed (tried again in %s): %s", teacherVersion, suite.name(),
                    config.teacher().retryAfter(), reason);
            return Optional.empty();
        }
    }

    private static void store(String teacherVersion, String suite, String digest,
            java.util.function.Consumer<TeacherBaseline> fill) {
        QuarkusTransaction.requiringNew().run(() -> {
            String id = TeacherBaseline.idOf(teacherVersion, suite);
            TeacherBaseline row = TeacherBaseline.findById(id);
            if (row == null) {
                row = new TeacherBaseline();
                row.baselineId = id;
                row.teacherVersion = teacherVersion;
                row.suite = suite;
                row.attempts = 0;
            }
            row.digest = digest;
            row.attempts++;
            row.updatedAt = Instant.now();
            fill.accept(row);
            row.persist();
        });
    }

    private static String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventCodec.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored baseline is unreadable: " + e.getMessage(), e);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
