package dev.distill.evaluator.messaging;

import dev.distill.evaluator.service.BenchmarkService;
import dev.distill.events.CheckpointEvent;
import dev.distill.events.EventCodec;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Scores every checkpoint announced on {@code distill.checkpoints}; a malformed record goes to the DLQ. */
@ApplicationScoped
public class CheckpointConsumer {

    @Inject
    BenchmarkService benchmarks;

    @Incoming("checkpoints")
    @Blocking
    public void consume(String json) {
        benchmarks.evaluate(EventCodec.fromJson(json, CheckpointEvent.class));
    }
}
