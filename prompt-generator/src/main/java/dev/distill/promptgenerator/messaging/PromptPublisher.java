package dev.distill.promptgenerator.messaging;

import dev.distill.events.DistillEvent;
import dev.distill.events.PromptEvent;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Publishes prompts to {@code distill.prompts} keyed by promptId. */
@ApplicationScoped
public class PromptPublisher {

    @Inject
    @Channel("prompts")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<Record<String, DistillEvent>> emitter;

    /** Sends the whole batch; the future completes when the broker acked every record, or fails if any send failed. */
    public CompletableFuture<Void> publish(List<PromptEvent> prompts) {
        CompletableFuture<?>[] acks = prompts.stream()
                .map(p -> emitter.send(Record.<String, DistillEvent>of(p.key(), p)).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(acks);
    }

    public void publishAndAwait(List<PromptEvent> prompts) {
        publish(prompts).join();
    }
}
