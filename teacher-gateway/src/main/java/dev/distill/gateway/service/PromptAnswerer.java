package dev.distill.gateway.service;

import dev.distill.events.PromptEvent;
import dev.distill.gateway.messaging.ResponsePublisher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * Answers one Kafka prompt through its teacher channel and publishes the TeacherResponseEvent. A redelivered or
 * repeated prompt is answered from the cache (the event says {@code cached}); its event id is the same
 * ({@code response:<promptId>:<teacher>@<version>}), so consumers can drop the copy.
 */
@ApplicationScoped
public class PromptAnswerer {

    private final TeacherAnswers answers;
    private final ResponsePublisher publisher;
    private final Clock clock = Clock.systemUTC();

    public PromptAnswerer(TeacherAnswers answers, ResponsePublisher publisher) {
        this.answers = answers;
        this.publisher = publisher;
    }

    public Uni<Void> answer(PromptEvent prompt, TeacherChannel channel) {
        return answers.answer(channel, TeacherRequests.of(prompt, channel.ref().model()))
                .chain(answer -> publisher.publish(ResponseMapper.toEvent(prompt, answer.teacher(), answer.content(),
                        answer.cached(), answer.costUsd(), Instant.now(clock))));
    }
}
