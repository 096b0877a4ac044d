package dev.distill.curator.messaging;

import dev.distill.events.CuratedSampleEvent;
import dev.distill.events.DistillEvent;
import dev.distill.events.RejectedSampleEvent;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Publishes curated samples and rejections keyed by promptId, all at once, waiting for the broker's acks. */
@ApplicationScoped
public class OutcomePublisher {

    private final Emitter<Record<String, DistillEvent>> curated;
    private final Emitter<Record<String, DistillEvent>> rejected;

    // a few batches' outcomes may wait for the producer at once
    public OutcomePublisher(
            @Channel("samples-curated") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
            Emitter<Record<String, DistillEvent>> curated,
            @Channel("samples-rejected") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
            Emitter<Record<String, DistillEvent>> rejected) {
        this.curated = curated;
        this.rejected = rejected;
    }

    public void publish(List<DistillEvent> outcomes) {
        CompletableFuture.allOf(outcomes.stream().map(this::send).toArray(CompletableFuture[]::new)).join();
    }

    private CompletableFuture<Void> send(DistillEvent outcome) {
        Emitter<Record<String, DistillEvent>> emitter;
        if (outcome instanceof CuratedSampleEvent) {
            emitter = curated;
        } else if (outcome instanceof RejectedSampleEvent) {
            emitter = rejected;
        } else {
            throw new IllegalArgumentException("not a curation outcome: " + outcome.getClass().getSimpleName());
        }
        return emitter.send(Record.of(outcome.key(), outcome)).toCompletableFuture();
    }
}
