package dev.distill.gateway.service;

import dev.distill.events.ChatMessage;
import dev.distill.events.PromptEvent;
import dev.distill.events.Sampling;
import dev.distill.gateway.client.ChatCompletionRequest;
import dev.distill.gateway.config.GatewayConfig;
import dev.distill.gateway.messaging.CapturedPromptPublisher;
import dev.distill.gateway.messaging.ResponsePublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns a proxied exchange into distillation data: a PromptEvent with source {@code capture} (no skill, no
 * reference, split {@code train}) and its TeacherResponseEvent. A failure to publish is logged and counted but
 * does not fail the application's request, which has its answer already.
 */
@ApplicationScoped
public class Capture {

    public static final String SOURCE = "capture";
    private static final Logger LOG = Logger.getLogger(Capture.class);

    private final GatewayConfig config;
    private final CapturedPromptPublisher prompts;
    private final ResponsePublisher responses;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    public Capture(GatewayConfig config, CapturedPromptPublisher prompts, ResponsePublisher responses, MeterRegistry meters) {
        this.config = config;
        this.prompts = prompts;
        this.responses = responses;
        this.meters = meters;
    }

    public boolean enabled() {
        return config.capture().enabled();
    }

    public Uni<Void> record(String campaignId, List<ChatMessage> messages, ChatCompletionRequest request,
            TeacherAnswers.Answer answer) {
        Instant now = Instant.now(clock);
        PromptEvent prompt = new PromptEvent(PromptEvent.SCHEMA_VERSION, "capture-" + UUID.randomUUID(),
                campaignId == null || campaignId.isBlank() ? config.capture().campaignId() : campaignId, SOURCE, null,
                messages, null, "train",
                new Sampling(request.temperature() == null ? 1.0 : request.temperature(), request.maxTokens(),
                        request.topLogprobs() == null ? 0 : request.topLogprobs(), request.seed()),
                null, now);
        return prompts.publish(prompt)
                .chain(() -> responses.publish(ResponseMapper.toEvent(prompt, answer.teacher(), answer.content(),
                        answer.cached(), answer.costUsd(), now)))
                .invoke(() -> meters.counter("distill.gateway.captured").increment())
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("proxied exchange not captured: %s", failure.getMessage());
                    meters.counter("distill.gateway.capture.failures").increment();
                    return null;
                });
    }
}
