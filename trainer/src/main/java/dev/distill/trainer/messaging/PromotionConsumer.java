package dev.distill.trainer.messaging;

import dev.distill.events.EventCodec;
import dev.distill.events.PromotionEvent;
import dev.distill.trainer.domain.CheckpointRecord;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Marks promoted checkpoints in the registry ({@code distill.promotions}), so that retention keeps their directories:
 * the serving evaluator loads its champion from there, also after a restart. A malformed record goes to the DLQ.
 */
@ApplicationScoped
public class PromotionConsumer {

    private static final Logger LOG = Logger.getLogger(PromotionConsumer.class);

    @Incoming("promotions")
    @Blocking
    public void consume(String json) {
        PromotionEvent promotion = EventCodec.fromJson(json, PromotionEvent.class);
        boolean ours = QuarkusTransaction.requiringNew()
                .call(() -> CheckpointRecord.markPromoted(promotion.checkpointId(), promotion.createdAt()));
        if (ours) {
            LOG.infof("%s is the champion of %s: its directory is kept", promotion.checkpointId(),
                    promotion.studentId());
        }
    }
}
