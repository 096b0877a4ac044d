package dev.distill.promptgenerator.service;

import dev.distill.events.PromptEvent;
import dev.distill.promptgenerator.config.GeneratorConfig;
import dev.distill.promptgenerator.messaging.PromptPublisher;
import dev.distill.promptgenerator.messaging.PromptTopicScan;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Emits every RUNNING job (campaigns and replays), each on its own thread under its advisory lock: wait for the pace
 * and for the gateway's lag, stage a batch in the ledger, publish it, ack it once the broker confirmed it. A job whose previous run left staged
 * prompts unacknowledged (a crash, a failed send) first looks them up on the topic and re-sends only the missing
 * ones, so each prompt reaches the topic exactly once. Jobs nobody emits are picked up every resume interval.
 */
@ApplicationScoped
public class EmissionWorker {

    private static final Logger LOG = Logger.getLogger(EmissionWorker.class);
    private static final long MAX_RETRY_MILLIS = 30_000;

    private final EmissionJobs jobs;
    private final PromptLedger ledger;
    private final PromptPublisher publisher;
    private final PromptTopicScan topic;
    private final JobLock locks;
    private final LagGate lagGate;
    private final EmissionMetrics metrics;
    private final GeneratorConfig.Emission config;
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "emitter-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService resumer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "emitter-resume");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopping;

    public EmissionWorker(EmissionJobs jobs, PromptLedger ledger, PromptPublisher publisher, PromptTopicScan topic,
            JobLock locks, LagGate lagGate, EmissionMetrics metrics, GeneratorConfig config) {
        this.jobs = jobs;
        this.ledger = ledger;
        this.publisher = publisher;
        this.topic = topic;
        this.locks = locks;
        this.lagGate = lagGate;
        this.metrics = metrics;
        this.config = config.emission();
    }

    void onStart(@Observes StartupEvent event) {
        long every = config.resumeInterval().toMillis();
        resumer.scheduleWithFixedDelay(() -> {
            try {
                resumeRunning();
            } catch (RuntimeException e) {
                LOG.warnf("cannot look for jobs to resume: %s", e.getMessage());
            }
        }, 0, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true; // jobs stay RUNNING and resume on the next start
        resumer.shutdownNow();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts every runnable job not already emitted by this process; returns how many it started. */
    public int resumeRunning() {
        int started = 0;
        for (EmissionJob job : jobs.runnable()) {
            if (start(job)) {
                started++;
            }
        }
        return started;
    }

    /** Starts the campaign's emission now rather than at the next resume tick; call after its state is committed. */
    public void startCampaign(String campaignId) {
        jobs.campaign(campaignId).ifPresent(this::start);
    }

    private boolean start(EmissionJob job) {
        if (stopping || active.size() >= config.maxConcurrentJobs() || !active.add(job.id())) {
            return false;
        }
        executor.execute(() -> {
            try {
                Optional<JobLock.Held> lock = locks.tryLock(job.id());
                if (lock.isEmpty()) {
                    return; // another instance emits it
                }
                try (JobLock.Held held = lock.get()) {
                    emit(job);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.infof("%s stopped by shutdown; it resumes on the next start", job.id());
            } catch (RuntimeException e) {
                if (stopping) { // e.g. the datasource closed under us: not the job's fault, it resumes on the next start
                    LOG.infof("%s stopped by shutdown (%s); it resumes on the next start", job.id(), e.getMessage());
                } else {
                    LOG.errorf(e, "%s failed", job.id());
                    job.fail(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            } finally {
                metrics.waitingForLag(job.campaignId(), false);
                active.remove(job.id());
            }
        });
        return true;
    }

    /**
     * Two batches in flight: the next one is staged while the broker acknowledges the previous one, so the ledger
     * and the broker work at the same time.
     */
    private void emit(EmissionJob job) throws InterruptedException {
        settleUnacked(job);
        Pacer pacer = new Pacer(job.ratePerSecond(), config.maxBatch(), config.tick().toMillis());
        InFlight previous = null;
        try {
            while (!stopping) {
                int due = pacer.awaitDue(config.maxBatch());
                if (lagGate.tooFarBehind()) {
                    metrics.waitingForLag(job.campaignId(), true);
                    metrics.waitedForLag(job.campaignId(), lagGate.awaitCaughtUp(() -> !stopping));
                    metrics.waitingForLag(job.campaignId(), false);
                    continue;
                }
                EmissionJob.Batch batch = job.stageNext(due);
                if (batch.ended()) {
                    break;
                }
                if (batch.events().isEmpty()) { // only duplicates, or the job waits for its last acks to complete
                    if (previous != null && !previous.ackedBy(job)) {
                        settleUnacked(job);
                    }
                    previous = null;
                    continue;
                }
                InFlight current = new InFlight(batch.events(), publisher.publish(batch.events()));
                pacer.spent(batch.events().size());
                if (previous != null && !previous.ackedBy(job)) {
                    current.awaitQuietly(); // settle only once nothing of this job is in flight
                    settleUnacked(job);
                    current = null;
                }
                previous = current;
            }
        } finally {
            if (previous != null && !previous.ackedBy(job)) {
                settleUnacked(job);
            }
        }
    }

    /** A published batch waiting for the broker's acks. */
    private record InFlight(List<PromptEvent> events, CompletableFuture<Void> acks) {

        /** Waits for the acks and records them; false (after logging) when a send failed. */
        boolean ackedBy(EmissionJob job) {
            try {
                acks.join();
            } catch (RuntimeException e) {
                LOG.warnf("%s: publishing %d prompts failed (%s); settling them through the topic", job.id(),
                        events.size(), e.getMessage());
                return false;
            }
            job.acked(events);
            return true;
        }

        void awaitQuietly() {
            acks.handle((ok, error) -> null).join();
        }
    }

    /**
     * Acks the job's staged prompts that are on the topic already and re-sends the rest, retrying with backoff while
     * the broker is unreachable.
     */
    void settleUnacked(EmissionJob job) throws InterruptedException {
        long backoff = 500;
        while (!stopping) {
            List<PromptLedger.Unacked> unacked = ledger.unacked(job.id());
            if (unacked.isEmpty()) {
                return;
            }
            try {
                Instant since = unacked.stream().map(PromptLedger.Unacked::stagedAt).min(Comparator.naturalOrder())
                        .orElseThrow().minus(config.recoveryMargin());
                List<PromptEvent> events = unacked.stream().map(PromptLedger.Unacked::event).toList();
                Set<String> published = topic.findPublished(events.stream().map(PromptEvent::eventId).toList(), since);
                List<PromptEvent> found = events.stream().filter(e -> published.contains(e.eventId())).toList();
                List<PromptEvent> missing = events.stream().filter(e -> !published.contains(e.eventId())).toList();
                job.acked(found);
                publisher.publishAndAwait(missing);
                job.acked(missing);
                LOG.infof("%s: settled %d unacknowledged prompts (%d were on the topic, %d re-sent)", job.id(),
                        events.size(), found.size(), missing.size());
                return;
            } catch (RuntimeException e) {
                LOG.warnf("%s: cannot settle unacknowledged prompts yet (%s); retrying in %d ms", job.id(),
                        e.getMessage(), backoff);
                Thread.sleep(backoff);
                backoff = Math.min(MAX_RETRY_MILLIS, backoff * 2);
            }
        }
    }
}
