package dev.distill.gateway.messaging;

import dev.distill.events.DistillEvent;
import dev.distill.events.TeacherResponseEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Publishes teacher responses keyed by promptId; the Uni completes on the broker's ack, so the prompt is committed after. */
@ApplicationScoped
public class ResponsePublisher {

    private final MutinyEmitter<Record<String, DistillEvent>> emitter;

    public ResponsePublisher(@Channel("teacher-responses") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            MutinyEmitter<Record<String, DistillEvent>> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(TeacherResponseEvent response) {
        return emitter.send(Record.of(response.key(), response));
    }
}
