package dev.distill.gateway.messaging;

import dev.distill.events.DistillEvent;
import dev.distill.events.TeacherVersionEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes TeacherVersionEvents, keyed by teacher name, and waits for the broker (the caller is a REST request). */
@ApplicationScoped
public class TeacherVersionPublisher {

    private final MutinyEmitter<Record<String, DistillEvent>> emitter;

    public TeacherVersionPublisher(@Channel("teacher-versions") MutinyEmitter<Record<String, DistillEvent>> emitter) {
        this.emitter = emitter;
    }

    public void publish(TeacherVersionEvent event) {
        emitter.send(Record.of(event.key(), event)).await().atMost(Duration.ofSeconds(30));
    }
}
