package dev.distill.gateway.messaging;

import dev.distill.events.EventCodec;
import dev.distill.events.TeacherVersionEvent;
import dev.distill.gateway.service.TeacherRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code distill.teacher-versions}: a version announced by someone else (a release pipeline writing to the
 * topic) is adopted like one announced through {@code POST /teachers/{name}/versions}; the gateway's own
 * announcements come back here and change nothing. A malformed record goes to the DLQ.
 */
@ApplicationScoped
public class TeacherVersionConsumer {

    private final TeacherRegistry registry;

    public TeacherVersionConsumer(TeacherRegistry registry) {
        this.registry = registry;
    }

    @Incoming("teacher-versions-in")
    @Blocking
    public void onTeacherVersion(String value) {
        registry.adopt(EventCodec.fromJson(value, TeacherVersionEvent.class));
    }
}
