package dev.distill.gateway.messaging;

import dev.distill.events.EventCodec;
import dev.distill.events.PromptEvent;
import dev.distill.gateway.service.PromptAnswerer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code distill.prompts}. Anything thrown here (a malformed record, a teacher that keeps failing) nacks the
 * record and the dead-letter-queue strategy moves it to {@code distill.prompts.dlq} with the error in its headers.
 * Prompts run unordered on the {@code teacher-calls} pool ({@code distill.teacher.concurrency} at a time) because
 * teacher latency, not Kafka, is the bottleneck.
 */
@ApplicationScoped
public class PromptConsumer {

    private final PromptAnswerer answerer;

    public PromptConsumer(PromptAnswerer answerer) {
        this.answerer = answerer;
    }

    @Incoming("prompts")
    @Blocking(value = "teacher-calls", ordered = false)
    public void onPrompt(String value) {
        answerer.answer(EventCodec.fromJson(value, PromptEvent.class));
    }
}
