package dev.distill.curator.messaging;

import dev.distill.events.CuratedSampleEvent;
import dev.distill.events.DistillEvent;
import dev.distill.events.RejectedSampleEvent;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes curated samples and rejections keyed by promptId, waiting for the broker's ack. */
@ApplicationScoped
public class OutcomePublisher {

    private final Emitter<Record<String, DistillEvent>> curated;
    private final Emitter<Record<String, DistillEvent>> rejected;

    public OutcomePublisher(@Channel("samples-curated") Emitter<Record<String, DistillEvent>> curated,
            @Channel("samples-rejected") Emitter<Record<String, DistillEvent>> rejected) {
        this.curated = curated;
        this.rejected = rejected;
    }

    public void publish(DistillEvent outcome) {
        Emitter<Record<String, DistillEvent>> emitter;
        if (outcome instanceof CuratedSampleEvent) {
            emitter = curated;
        } else if (outcome instanceof RejectedSampleEvent) {
            emitter = rejected;
        } else {
            throw new IllegalArgumentException("not a curation outcome: " + outcome.getClass().getSimpleName());
        }
        emitter.send(Record.of(outcome.key(), outcome)).toCompletableFuture().join();
    }
}
