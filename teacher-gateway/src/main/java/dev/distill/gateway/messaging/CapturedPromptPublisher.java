package dev.distill.gateway.messaging;

import dev.distill.events.DistillEvent;
import dev.distill.events.PromptEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Publishes prompts captured by the proxy on {@code distill.prompts} (the gateway's own consumer skips them). */
@ApplicationScoped
public class CapturedPromptPublisher {

    private final MutinyEmitter<Record<String, DistillEvent>> emitter;

    public CapturedPromptPublisher(@Channel("captured-prompts") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            MutinyEmitter<Record<String, DistillEvent>> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(PromptEvent prompt) {
        return emitter.send(Record.of(prompt.key(), prompt));
    }
}
