package dev.distill.gateway.service;

import dev.distill.events.PromptEvent;
import dev.distill.events.TeacherRef;
import dev.distill.events.TeacherResponseEvent;
import dev.distill.gateway.client.TeacherCallException;
import dev.distill.gateway.client.TeacherClient;
import dev.distill.gateway.client.TeacherReply;
import dev.distill.gateway.config.TeacherConfig;
import dev.distill.gateway.domain.TeacherCallLedger;
import dev.distill.gateway.messaging.ResponsePublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Answers one prompt: from the ledger when this teacher version already answered it (a redelivery costs nothing),
 * otherwise by asking the teacher, recording the call, then publishing. Publishing last means the prompt's offset
 * is committed only once the answer is both stored and on the topic.
 */
@ApplicationScoped
public class PromptAnswerer {

    private static final Logger LOG = Logger.getLogger(PromptAnswerer.class);

    private final TeacherClient teacher;
    private final TeacherCallLedger ledger;
    private final ResponsePublisher publisher;
    private final TeacherMetrics metrics;
    private final Pricing pricing;
    private final Clock clock = Clock.systemUTC();

    public PromptAnswerer(TeacherClient teacher, TeacherCallLedger ledger, ResponsePublisher publisher,
            TeacherMetrics metrics, TeacherConfig config) {
        this.teacher = teacher;
        this.ledger = ledger;
        this.publisher = publisher;
        this.metrics = metrics;
        this.pricing = new Pricing(config.price().promptPer1k(), config.price().completionPer1k());
    }

    public void answer(PromptEvent prompt) {
        TeacherRef ref = teacher.teacher();
        var stored = ledger.storedAnswer(prompt.promptId(), ref);
        if (stored.isPresent()) {
            metrics.replayed(ref);
            publisher.publish(stored.get());
            return;
        }
        TeacherReply reply;
        try {
            reply = teacher.complete(TeacherRequests.of(prompt, ref.model()));
        } catch (TeacherCallException e) {
            try {
                ledger.recordFailure(prompt.promptId(), ref, e.attempts(), e.getMessage());
            } catch (RuntimeException ledgerDown) {
                e.addSuppressed(ledgerDown); // the teacher's failure stays the reason the DLQ shows
            }
            LOG.warnf("prompt %s not answered: %s", prompt.promptId(), e.getMessage());
            throw e; // the failure strategy sends the prompt to the DLQ with this message
        }
        TeacherResponseEvent response = ResponseMapper.toEvent(prompt, ref, reply, pricing, Instant.now(clock));
        if (ledger.recordAnswer(response, reply.attempts())) {
            metrics.answered(ref, response.usage(), response.costUsd());
            publisher.publish(response);
        } else {
            // a concurrent delivery of the same prompt stored its answer first: publish that one, not a second opinion
            publisher.publish(ledger.storedAnswer(prompt.promptId(), ref).orElseThrow());
        }
    }
}
