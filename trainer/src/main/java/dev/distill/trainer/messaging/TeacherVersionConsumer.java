package dev.distill.trainer.messaging;

import dev.distill.events.EventCodec;
import dev.distill.events.TeacherRef;
import dev.distill.events.TeacherVersionEvent;
import dev.distill.trainer.domain.TrainingRound;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Records each announced teacher version ({@code distill.teacher-versions}); the training loop starts a round for the
 * newest. A malformed record goes to the DLQ.
 */
@ApplicationScoped
public class TeacherVersionConsumer {

    private static final Logger LOG = Logger.getLogger(TeacherVersionConsumer.class);

    @Incoming("teacher-versions")
    @Blocking
    public void consume(String json) {
        TeacherVersionEvent event = EventCodec.fromJson(json, TeacherVersionEvent.class);
        String version = new TeacherRef(event.teacherName(), event.model(), event.version()).qualifiedVersion();
        QuarkusTransaction.requiringNew().run(() -> TrainingRound.announced(version, event.announcedAt()));
        LOG.infof("teacher version %s announced: a training round starts for it", version);
    }
}
