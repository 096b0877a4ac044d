package dev.distill.promptgenerator.service;

import dev.distill.promptgenerator.config.GeneratorConfig;
import dev.distill.promptgenerator.messaging.PromptPublisher;
import dev.distill.skills.SkillSuite;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Emits each RUNNING campaign on its own background thread, paced at the campaign's rate: publish a batch of the
 * prompts that are due, wait for the broker's acks, then record them in the ledger. A restart resumes every RUNNING
 * campaign from its ledger; a crash between ack and ledger re-sends at most one batch (at-least-once; consumers
 * deduplicate by promptId).
 */
@ApplicationScoped
public class EmissionWorker {

    private static final Logger LOG = Logger.getLogger(EmissionWorker.class);

    private final CampaignLedger ledger;
    private final PromptPublisher publisher;
    private final EmissionMetrics metrics;
    private final GeneratorConfig.Emission config;
    private final PromptFactory factory = new PromptFactory(SkillSuite.builtIn());
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "campaign-emitter-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopping;

    public EmissionWorker(CampaignLedger ledger, PromptPublisher publisher, EmissionMetrics metrics, GeneratorConfig config) {
        this.ledger = ledger;
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config.emission();
    }

    void onStart(@Observes StartupEvent event) {
        int resumed = resumeRunning();
        if (resumed > 0) {
            LOG.infof("resumed %d running campaign(s) from the prompt ledger", resumed);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true; // campaigns stay RUNNING and resume on the next start
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts emitting every RUNNING campaign not already being emitted by this process. */
    public int resumeRunning() {
        int started = 0;
        for (String id : ledger.runningCampaignIds()) {
            if (start(id)) {
                started++;
            }
        }
        return started;
    }

    /** Starts the campaign's emission unless it is already running here; call after the campaign is committed. */
    public boolean start(String campaignId) {
        if (stopping || !active.add(campaignId)) {
            return false;
        }
        executor.execute(() -> {
            try {
                emit(campaignId);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.infof("campaign %s paused by shutdown; it resumes on the next start", campaignId);
            } catch (RuntimeException e) {
                LOG.errorf(e, "campaign %s failed", campaignId);
                ledger.fail(campaignId, e.getClass().getSimpleName() + ": " + e.getMessage());
            } finally {
                active.remove(campaignId);
            }
        });
        return true;
    }

    public boolean isActive(String campaignId) {
        return active.contains(campaignId);
    }

    private void emit(String campaignId) throws InterruptedException {
        CampaignPlan plan = ledger.plan(campaignId);
        long next = ledger.nextIndex(campaignId);
        long startedAt = System.nanoTime();
        long sentThisRun = 0;
        while (next < plan.count() && !stopping) {
            double elapsed = (System.nanoTime() - startedAt) / 1e9;
            // token bucket from this run's start: one prompt at once, then ratePerSecond
            long due = (long) Math.floor(plan.ratePerSecond() * elapsed) + 1 - sentThisRun;
            long batch = Math.min(Math.min(due, plan.count() - next), config.maxBatch());
            metrics.progress(campaignId, plan.count() - next, Math.max(0, due - 1));
            if (batch <= 0) {
                double untilNext = (sentThisRun - plan.ratePerSecond() * elapsed) / plan.ratePerSecond();
                long sleepMillis = Math.max(1, Math.min(config.tick().toMillis(), (long) Math.ceil(untilNext * 1000)));
                Thread.sleep(sleepMillis);
                continue;
            }
            Instant now = Instant.now();
            List<PlannedPrompt> prompts = new ArrayList<>((int) batch);
            for (long i = next; i < next + batch; i++) {
                prompts.add(factory.prompt(plan, i, now));
            }
            publisher.publishAndAwait(prompts.stream().map(PlannedPrompt::event).toList());
            ledger.record(campaignId, prompts);
            prompts.stream().collect(java.util.stream.Collectors.groupingBy(p -> String.valueOf(p.event().skill()),
                    java.util.stream.Collectors.counting()))
                    .forEach((skill, n) -> metrics.emitted(campaignId, skill, n));
            next += batch;
            sentThisRun += batch;
        }
        metrics.progress(campaignId, plan.count() - next, 0);
    }
}
