package dev.distill.gateway.messaging;

import dev.distill.events.EventCodec;
import dev.distill.events.EventFormatException;
import dev.distill.events.PromptEvent;
import dev.distill.gateway.client.TeacherCallException;
import dev.distill.gateway.service.Capture;
import dev.distill.gateway.service.InvalidPromptException;
import dev.distill.gateway.service.PromptAnswerer;
import dev.distill.gateway.service.PromptChecks;
import dev.distill.gateway.service.TeacherChannel;
import dev.distill.gateway.service.TeacherRegistry;
import dev.distill.gateway.service.UnroutableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads {@code distill.prompts}. Each record is checked, routed to a teacher version, and then waits for a free slot
 * of that version's in-flight bound; the returned stage completes once it has one, and the connector delivers the
 * next record only then. So when every slot is busy the connector's small buffer fills and it pauses the Kafka
 * consumer: hundreds of calls in flight, bounded memory. Calls finish out of order; each record is acked when its
 * answer is published or it is in the DLQ, and the connector commits offsets up to the oldest unfinished record.
 */
@ApplicationScoped
public class PromptConsumer {

    private static final Logger LOG = Logger.getLogger(PromptConsumer.class);

    private final PromptChecks checks;
    private final TeacherRegistry registry;
    private final PromptAnswerer answerer;
    private final DeadLetters deadLetters;

    public PromptConsumer(PromptChecks checks, TeacherRegistry registry, PromptAnswerer answerer, DeadLetters deadLetters) {
        this.checks = checks;
        this.registry = registry;
        this.answerer = answerer;
        this.deadLetters = deadLetters;
    }

    @Incoming("prompts")
    public CompletionStage<Void> onPrompt(Message<String> record) {
        return registry.ready().thenCompose(registered -> handle(record));
    }

    private CompletionStage<Void> handle(Message<String> record) {
        PromptEvent prompt;
        TeacherChannel channel;
        try {
            prompt = EventCodec.fromJson(record.getPayload(), PromptEvent.class);
            if (Capture.SOURCE.equals(prompt.source())) { // captured by the proxy: answered and published already
                return record.ack();
            }
            checks.check(prompt.messages());
            channel = registry.forPrompt(prompt.promptId(), prompt.teacherVersion());
        } catch (EventFormatException e) {
            return deadLetter(record, "malformed", e.getMessage(), 0);
        } catch (InvalidPromptException e) {
            return deadLetter(record, "invalid_prompt", e.getMessage(), 0);
        } catch (UnroutableException e) {
            return deadLetter(record, "unroutable", e.getMessage(), 0);
        }
        return channel.acquire().thenRun(() -> answerer.answer(prompt, channel)
                .eventually(channel::release)
                .subscribe().with(
                        published -> record.ack(),
                        failure -> onFailure(record, prompt, failure)));
    }

    private void onFailure(Message<String> record, PromptEvent prompt, Throwable failure) {
        if (failure instanceof TeacherCallException e) {
            LOG.warnf("prompt %s not answered: %s", prompt.promptId(), e.getMessage());
            deadLetter(record, "teacher_" + e.kind().tag(), e.getMessage(), e.attempts());
        } else {
            // not the teacher's fault (database, broker): the connector's failure strategy dead-letters it
            LOG.errorf(failure, "prompt %s failed", prompt.promptId());
            record.nack(failure);
        }
    }

    private CompletionStage<Void> deadLetter(Message<String> record, String cause, String reason, int attempts) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        deadLetters.send(record, cause, reason, attempts).subscribe().with(
                sent -> record.ack().whenComplete((v, e) -> done.complete(null)),
                failed -> record.nack(failed).whenComplete((v, e) -> done.complete(null)));
        return done;
    }
}
