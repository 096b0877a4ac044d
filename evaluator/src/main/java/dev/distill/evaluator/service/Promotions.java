package dev.distill.evaluator.service;

import dev.distill.evaluator.domain.Champion;
import dev.distill.evaluator.domain.Promotion;
import dev.distill.events.DistillEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.PromotionEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Makes a checkpoint its student's champion and announces it on {@code distill.promotions}. The champion row and the
 * promotion are written in the transaction that judged the checkpoint; the event is sent after it commits, and any
 * promotion not yet acknowledged by the broker (the process died in between) is sent again at start. A
 * {@link ChampionChanged} CDI event tells in-process observers (the serving endpoint) once the transaction commits.
 */
@ApplicationScoped
public class Promotions {

    private static final Logger LOG = Logger.getLogger(Promotions.class);

    private final Emitter<Record<String, DistillEvent>> emitter;
    private final MeterRegistry registry;
    private final Event<ChampionChanged> changes;

    public Promotions(@Channel("promotions") Emitter<Record<String, DistillEvent>> emitter, MeterRegistry registry,
            Event<ChampionChanged> changes) {
        this.emitter = emitter;
        this.registry = registry;
        this.changes = changes;
    }

    /** In the judging transaction. */
    public void promote(String studentId, String checkpointId, String uri, String benchmarkId, double accuracy,
            String teacherVersion, String reason, Instant at) {
        Champion champion = Champion.findById(studentId);
        String previous = champion == null ? null : champion.checkpointId;
        if (champion == null) {
            champion = new Champion();
            champion.studentId = studentId;
        }
        champion.checkpointId = checkpointId;
        champion.uri = uri;
        champion.benchmarkId = benchmarkId;
        champion.accuracy = accuracy;
        champion.teacherVersion = teacherVersion;
        champion.promotedAt = at;
        champion.persist();

        PromotionEvent event = new PromotionEvent(PromotionEvent.SCHEMA_VERSION, studentId, checkpointId, previous,
                reason, at);
        Promotion promotion = new Promotion();
        promotion.eventId = event.eventId();
        promotion.studentId = studentId;
        promotion.checkpointId = checkpointId;
        promotion.eventJson = EventCodec.toJson(event);
        promotion.createdAt = at;
        promotion.persist();
        registry.counter("distill_evaluator_promotions_total", "student", studentId).increment();
        changes.fire(new ChampionChanged(studentId, checkpointId));
        LOG.infof("%s is the champion of %s (was %s): %s", checkpointId, studentId, previous, reason);
    }

    void publishAtStart(@Observes StartupEvent start) {
        publishPending();
    }

    /** Sends every promotion the broker has not acknowledged yet, oldest first. */
    public void publishPending() {
        List<Promotion> pending = QuarkusTransaction.requiringNew().call(Promotion::unpublished);
        for (Promotion promotion : pending) {
            PromotionEvent event = EventCodec.fromJson(promotion.eventJson, PromotionEvent.class);
            emitter.send(Record.of(event.key(), event)).toCompletableFuture().join();
            QuarkusTransaction.requiringNew().run(() -> Promotion.update("publishedAt = ?1 where eventId = ?2",
                    Instant.now(), promotion.eventId));
        }
    }
}
