package dev.distill.curator.messaging;

import dev.distill.curator.service.Curator;
import dev.distill.events.EventCodec;
import dev.distill.events.TeacherResponseEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code distill.teacher-responses}. A record that is not a valid TeacherResponseEvent throws here and the
 * dead-letter-queue strategy moves it to {@code distill.teacher-responses.dlq} with the error in its headers.
 * Responses are independent of each other, so they are curated unordered on the {@code curation} pool.
 */
@ApplicationScoped
public class ResponseConsumer {

    private final Curator curator;

    public ResponseConsumer(Curator curator) {
        this.curator = curator;
    }

    @Incoming("teacher-responses")
    @Blocking(value = "curation", ordered = false)
    public void onResponse(String value) {
        curator.curate(EventCodec.fromJson(value, TeacherResponseEvent.class));
    }
}
