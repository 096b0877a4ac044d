package dev.distill.curator.service;

import dev.distill.curator.domain.CurationStore;
import dev.distill.curator.domain.StoredOutcome;
import dev.distill.curator.filter.FilterChain;
import dev.distill.curator.filter.Verdict;
import dev.distill.curator.messaging.OutcomePublisher;
import dev.distill.events.CuratedSampleEvent;
import dev.distill.events.DistillEvent;
import dev.distill.events.RejectedSampleEvent;
import dev.distill.events.TeacherResponseEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Curates one teacher response: runs the filter chain, stores the outcome (unique per prompt and teacher version),
 * publishes it, then notes that it was published. A redelivered response is answered from the store: not filtered,
 * stored or counted again, and re-published only if the earlier publish was never acknowledged.
 */
@ApplicationScoped
public class Curator {

    private static final Logger LOG = Logger.getLogger(Curator.class);

    private final FilterChain chain;
    private final CurationStore store;
    private final OutcomePublisher publisher;
    private final CurationMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    public Curator(FilterChain chain, CurationStore store, OutcomePublisher publisher, CurationMetrics metrics) {
        this.chain = chain;
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    public void curate(TeacherResponseEvent response) {
        var earlier = store.find(response.promptId(), response.teacher());
        if (earlier.isPresent()) {
            metrics.redelivered();
            republishIfUnacknowledged(earlier.get());
            return;
        }
        Verdict verdict = chain.evaluate(response);
        Instant now = Instant.now(clock);
        boolean stored;
        DistillEvent outcome;
        if (verdict.accepted()) {
            CuratedSampleEvent sample = SampleBuilder.curated(response, now);
            outcome = sample;
            stored = store.save(sample);
        } else {
            RejectedSampleEvent rejection = SampleBuilder.rejected(response, verdict, now);
            outcome = rejection;
            stored = store.save(rejection);
        }
        if (!stored) {
            // a concurrent delivery of the same response stored its outcome first
            metrics.redelivered();
            republishIfUnacknowledged(store.find(response.promptId(), response.teacher()).orElseThrow());
            return;
        }
        if (verdict.accepted()) {
            metrics.curated(SampleBuilder.datasetVersion(response));
        } else {
            metrics.rejected(verdict.filter(), verdict.reason());
        }
        publishAndMark(outcome);
    }

    private void republishIfUnacknowledged(StoredOutcome earlier) {
        if (!earlier.published()) {
            publishAndMark(earlier.event());
        }
    }

    private void publishAndMark(DistillEvent outcome) {
        publisher.publish(outcome);
        try {
            store.markPublished(outcome, Instant.now(clock));
        } catch (RuntimeException e) {
            // the outcome is stored and on the topic; without the mark a redelivery merely publishes it once more
            LOG.warnf("could not mark %s as published: %s", outcome.eventId(), e.getMessage());
        }
    }
}
