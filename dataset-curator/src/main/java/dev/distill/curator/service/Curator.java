package dev.distill.curator.service;

import dev.distill.curator.domain.CurationStore;
import dev.distill.curator.domain.Outcome;
import dev.distill.curator.domain.ResponseKey;
import dev.distill.curator.domain.StoredOutcome;
import dev.distill.curator.filter.FilterChain;
import dev.distill.curator.filter.PiiRedactor;
import dev.distill.curator.filter.Verdict;
import dev.distill.curator.messaging.OutcomePublisher;
import dev.distill.events.ChatMessage;
import dev.distill.events.DistillEvent;
import dev.distill.events.TeacherResponseEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Curates a batch of teacher responses. First the filters that need no database screen the batch; then, in one
 * transaction: claim the responses, judge the claimed ones with the dedup filters (which read and write their state
 * in that transaction), store the outcomes with their lineage as one batch. Then publish them and mark the batch
 * published. A response claimed before (a redelivery, a delivery racing on another replica, or the same response twice
 * in one batch) is answered from the store: not filtered, stored or counted again, and re-published only if the
 * earlier publish was never acknowledged. A transaction that fails for a passing reason (the database restarting, a
 * deadlock between replicas) is retried until it succeeds.
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

    public void curate(List<TeacherResponseEvent> responses) {
        if (responses.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        Map<ResponseKey, TeacherResponseEvent> distinct = new LinkedHashMap<>();
        responses.forEach(response -> distinct.putIfAbsent(ResponseKey.of(response), response));
        List<TeacherResponseEvent> candidates = List.copyOf(distinct.values());
        FilterChain.Screening screening = chain.screen(candidates);
        Decided batch = TransientFailures.retry(() -> QuarkusTransaction.requiringNew()
                .call(() -> decide(candidates, screening)));
        List<Outcome> decided = batch.outcomes();
        metrics.decided(decided.stream().map(Outcome::verdict).toList(), responses.size(), System.nanoTime() - started);
        if (!decided.isEmpty()) {
            publisher.publish(decided.stream().map(Outcome::event).toList());
            mark(() -> store.markPublished(batch.id(), Instant.now(clock)), decided.size());
        }

        decided.forEach(outcome -> distinct.remove(outcome.key()));
        int redelivered = responses.size() - decided.size();
        if (redelivered > 0) {
            metrics.redelivered(redelivered);
            List<DistillEvent> unpublished = store.find(distinct.keySet()).values().stream()
                    .filter(earlier -> !earlier.published()).map(StoredOutcome::event).toList();
            publishAndMark(unpublished);
        }
    }

    /** The outcomes stored by one transaction, and their batch's id (0 when there are none). */
    private record Decided(long id, List<Outcome> outcomes) {
    }

    /** In the batch's transaction. */
    private Decided decide(List<TeacherResponseEvent> responses, FilterChain.Screening screening) {
        Set<ResponseKey> claimed = store.claim(responses);
        Predicate<TeacherResponseEvent> mineOnly = response -> claimed.contains(ResponseKey.of(response));
        List<TeacherResponseEvent> mine = responses.stream().filter(mineOnly).toList();
        List<Verdict> verdicts = screening.judge(mineOnly);
        Instant now = Instant.now(clock);
        List<Outcome> outcomes = new ArrayList<>(mine.size());
        for (int i = 0; i < mine.size(); i++) {
            Verdict verdict = verdicts.get(i);
            outcomes.add(verdict.accepted()
                    ? Outcome.curated(SampleBuilder.curated(verdict.sample(), verdict, now), verdict)
                    : Outcome.rejected(SampleBuilder.rejected(mine.get(i), verdict, now), verdict,
                            redacted(mine.get(i).messages())));
        }
        return new Decided(outcomes.isEmpty() ? 0 : store.save(outcomes), outcomes);
    }

    /** A rejected prompt is kept for lineage, but without personal data whichever filters ran. */
    private List<ChatMessage> redacted(List<ChatMessage> messages) {
        return messages.stream().map(m -> new ChatMessage(m.role(), redactor.redact(m.content()).text())).toList();
    }

    /** Publishes outcomes stored earlier, one by one, as for a redelivery. */
    private void publishAndMark(List<DistillEvent> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        publisher.publish(outcomes);
        mark(() -> store.markPublished(outcomes, Instant.now(clock)), outcomes.size());
    }

    private static void mark(Runnable mark, int outcomes) {
        try {
            mark.run();
        } catch (RuntimeException e) {
            // the outcomes are stored and on the topic; without the mark a redelivery merely publishes them once more
            LOG.warnf("could not mark %d outcomes as published: %s", outcomes, e.getMessage());
        }
    }
}
