package dev.distill.gateway.messaging;

import dev.distill.events.DistillEvent;
import dev.distill.events.TeacherResponseEvent;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes teacher responses keyed by promptId and waits for the broker's ack (so the prompt is committed after). */
@ApplicationScoped
public class ResponsePublisher {

    private final Emitter<Record<String, DistillEvent>> emitter;

    public ResponsePublisher(@Channel("teacher-responses") Emitter<Record<String, DistillEvent>> emitter) {
        this.emitter = emitter;
    }

    public void publish(TeacherResponseEvent response) {
        emitter.send(Record.of(response.key(), (DistillEvent) response)).toCompletableFuture().join();
    }
}
