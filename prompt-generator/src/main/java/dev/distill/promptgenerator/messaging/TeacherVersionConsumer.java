package dev.distill.promptgenerator.messaging;

import dev.distill.events.EventCodec;
import dev.distill.events.TeacherVersionEvent;
import dev.distill.promptgenerator.domain.Replay;
import dev.distill.promptgenerator.service.EmissionWorker;
import dev.distill.promptgenerator.service.ReplayPlanner;
import dev.distill.promptgenerator.service.TeacherVersionRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code distill.teacher-versions} strictly: a record that does not decode throws, and the channel's
 * dead-letter-queue strategy forwards it to {@code distill.teacher-versions.dlq} with the error in its headers,
 * while this consumer moves on. A new version starts the replays its policy asks for; the offset is committed only
 * after the version and its replays are recorded.
 */
@ApplicationScoped
public class TeacherVersionConsumer {

    private static final Logger LOG = Logger.getLogger(TeacherVersionConsumer.class);

    private final TeacherVersionRegistry registry;
    private final ReplayPlanner replays;
    private final EmissionWorker worker;
    private final MeterRegistry meters;

    public TeacherVersionConsumer(TeacherVersionRegistry registry, ReplayPlanner replays, EmissionWorker worker,
            MeterRegistry meters) {
        this.registry = registry;
        this.replays = replays;
        this.worker = worker;
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
        // also on a redelivery: the version may have been recorded by a run that died before planning its replays
        List<Replay> planned = replays.plan(event);
        if (!planned.isEmpty()) {
            LOG.infof("replaying %d campaign(s) to %s@%s: %s", planned.size(), event.teacherName(), event.version(),
                    planned.stream().map(r -> r.campaignId + " (" + r.policy + ")").toList());
            worker.resumeRunning();
        }
        meters.counter("distill.teacher.versions.received").increment();
    }
}
