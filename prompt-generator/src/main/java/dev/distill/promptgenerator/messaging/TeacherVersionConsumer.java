package dev.distill.promptgenerator.messaging;

import dev.distill.events.EventCodec;
import dev.distill.events.TeacherVersionEvent;
import dev.distill.promptgenerator.service.TeacherVersionRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code distill.teacher-versions} strictly: a record that does not decode throws, and the channel's
 * dead-letter-queue strategy forwards it to {@code distill.teacher-versions.dlq} with the error in its headers,
 * while this consumer moves on. The offset is committed only after the version is recorded.
 */
@ApplicationScoped
public class TeacherVersionConsumer {

    private static final Logger LOG = Logger.getLogger(TeacherVersionConsumer.class);

    private final TeacherVersionRegistry registry;
    private final MeterRegistry meters;

    public TeacherVersionConsumer(TeacherVersionRegistry registry, MeterRegistry meters) {
        this.registry = registry;
        this.meters = meters;
    }

    @Incoming("teacher-versions")
    @Blocking
    public void onTeacherVersion(String value) {
        TeacherVersionEvent event;
        try {
            event = EventCodec.fromJson(value, TeacherVersionEvent.class);
        } catch (RuntimeException e) {
            meters.counter("distill.teacher.versions.rejected").increment();
            throw e;
        }
        if (registry.record(event)) {
            LOG.infof("teacher %s announced version %s (model %s, replay %s)", event.teacherName(), event.version(),
                    event.model(), event.replayPolicy());
        }
        meters.counter("distill.teacher.versions.received").increment();
    }
}
