package dev.distill.curator.service;

import dev.distill.curator.domain.CurationStore;
import dev.distill.curator.domain.StoredOutcome;
import dev.distill.curator.filter.FilterChain;
import dev.distill.curator.filter.PiiRedactor;
import dev.distill.curator.filter.Verdict;
import dev.distill.curator.messaging.OutcomePublisher;
import dev.distill.events.ChatMessage;
import dev.distill.events.CuratedSampleEvent;
import dev.distill.events.DistillEvent;
import dev.distill.events.RejectedSampleEvent;
import dev.distill.events.TeacherResponseEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Curates one teacher response. In one transaction: claim the response, run the filter chain (whose dedup filters
 * read and write their state in that transaction), store the outcome with its lineage. Then publish it and note
 * that it was published. A response claimed before (a redelivery, or a delivery racing on another replica) is
 * answered from the store: not filtered, stored or counted again, and re-published only if the earlier publish was
 * never acknowledged.
 */
@ApplicationScoped
public class Curator {

    private static final Logger LOG = Logger.getLogger(Curator.class);

    private final FilterChain chain;
    private final CurationStore store;
    private final OutcomePublisher publisher;
    private final CurationMetrics metrics;
    private final PiiRedactor redactor = new PiiRedactor();
    private final Clock clock = Clock.systemUTC();

    public Curator(FilterChain chain, CurationStore store, OutcomePublisher publisher, CurationMetrics metrics) {
        this.chain = chain;
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    public void curate(TeacherResponseEvent response) {
        long started = System.nanoTime();
        Optional<Decision> decision = QuarkusTransaction.requiringNew().call(() -> {
            if (!store.claim(response)) {
                return Optional.<Decision>empty();
            }
            Verdict verdict = chain.evaluate(response);
            Instant now = Instant.now(clock);
            if (verdict.accepted()) {
                CuratedSampleEvent sample = SampleBuilder.curated(verdict.sample(), verdict, now);
                store.saveCurated(sample, verdict);
                return Optional.of(new Decision(sample, verdict));
            }
            RejectedSampleEvent rejection = SampleBuilder.rejected(response, verdict, now);
            store.saveRejected(rejection, verdict, redacted(response.messages()));
            return Optional.of(new Decision(rejection, verdict));
        });
        if (decision.isEmpty()) {
            metrics.redelivered();
            republishIfUnacknowledged(store.find(response.promptId(), response.teacher()).orElseThrow());
            return;
        }
        metrics.decided(response, decision.get().verdict(), System.nanoTime() - started);
        publishAndMark(decision.get().outcome());
    }

    private record Decision(DistillEvent outcome, Verdict verdict) {
    }

    /** A rejected prompt is kept for lineage, but without personal data whichever filters ran. */
    private List<ChatMessage> redacted(List<ChatMessage> messages) {
        return messages.stream().map(m -> new ChatMessage(m.role(), redactor.redact(m.content()).text())).toList();
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
