package dev.distill.evaluator.messaging;

import dev.distill.evaluator.serving.ChampionHolder;
import dev.distill.events.EventCodec;
import dev.distill.events.PromotionEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Hears every promotion on {@code distill.promotions} (its own consumer group per instance, so every evaluator hears
 * all of them, including those other evaluators decided) and has the served champion reloaded when it concerns the
 * served student. Its own promotions come back too; reloading then finds the champion already served.
 */
@ApplicationScoped
public class PromotionListener {

    private static final Logger LOG = Logger.getLogger(PromotionListener.class);

    private final ChampionHolder holder;

    public PromotionListener(ChampionHolder holder) {
        this.holder = holder;
    }

    @Incoming("served-promotions")
    @Blocking
    public void promoted(String json) {
        PromotionEvent event;
        try {
            event = EventCodec.fromJson(json, PromotionEvent.class);
        } catch (RuntimeException e) {
            // the producer is the evaluator itself: nothing to dead-letter for, and serving must not stop over it
            LOG.warnf("ignoring a record on distill.promotions that is not a PromotionEvent: %s", e.getMessage());
            return;
        }
        if (holder.student().equals(event.studentId())) {
            holder.refresh();
        }
    }
}
