package dev.distill.evaluator.serving;

import dev.distill.evaluator.domain.Champion;
import dev.distill.evaluator.service.ChampionChanged;
import dev.distill.model.Checkpoints;
import dev.distill.model.Student;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The served student's champion, loaded from the champion table at start and again whenever a promotion of it commits
 * here or is announced by another evaluator. The table is the truth, so promotions heard late or out of order still
 * end on the current champion. Requests hold a {@link Lease}; a swap hands the old model its last reference, so it is
 * closed when the requests still using it finish.
 */
@ApplicationScoped
public class ChampionHolder {

    private static final Logger LOG = Logger.getLogger(ChampionHolder.class);

    /**
     * A request's use of a model; closing it releases the model. A stream's lease outlives the request method (the
     * stream closes it), so closing is idempotent: a second close can never release a reference some other request
     * holds.
     */
    public static final class Lease implements AutoCloseable {

        private final ServedModel model;
        private final AtomicBoolean open = new AtomicBoolean(true);

        Lease(ServedModel model) {
            this.model = model;
        }

        public ServedModel model() {
            return model;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                model.release();
            }
        }
    }

    private record ChampionRow(String checkpointId, String uri) {
    }

    private final ServingConfig config;
    private final ServingMetrics metrics;
    private final AtomicReference<ServedModel> current = new AtomicReference<>();

    public ChampionHolder(ServingConfig config, ServingMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    public String student() {
        return config.student();
    }

    void loadAtStart(@Observes StartupEvent start) {
        refresh();
    }

    void promotedHere(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChampionChanged change) {
        if (config.student().equals(change.studentId())) {
            refresh();
        }
    }

    void close(@Observes ShutdownEvent shutdown) {
        ServedModel served = current.getAndSet(null);
        if (served != null) {
            served.release();
        }
    }

    /**
     * Serves the champion recorded in the table, if it is not the one served already. A champion that cannot be
     * looked up or loaded is logged and the one served so far stays (the next promotion tries again).
     */
    public synchronized void refresh() {
        Optional<ChampionRow> row;
        try {
            row = QuarkusTransaction.requiringNew().call(() -> Champion.<Champion>findByIdOptional(config.student())
                    .map(c -> new ChampionRow(c.checkpointId, c.uri)));
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot look up the champion of %s; serving what was served", config.student());
            return;
        }
        ServedModel served = current.get();
        if (row.isEmpty() || served != null && served.checkpointId().equals(row.get().checkpointId())) {
            return;
        }
        String checkpointId = row.get().checkpointId();
        if (row.get().uri() == null) {
            LOG.warnf("champion %s of %s has no recorded location; it cannot be served", checkpointId, config.student());
            return;
        }
        Student student;
        try {
            student = Checkpoints.load(Path.of(URI.create(row.get().uri())));
        } catch (RuntimeException e) {
            LOG.errorf(e, "champion %s of %s cannot be loaded from %s; still serving %s", checkpointId,
                    config.student(), row.get().uri(), served == null ? "nothing" : served.checkpointId());
            return;
        }
        ServedModel previous = current.getAndSet(new ServedModel(checkpointId, student));
        metrics.serving(config.student(), checkpointId);
        if (previous != null) {
            previous.release();
        }
        LOG.infof("serving %s as %s (was %s)", checkpointId, config.student(),
                previous == null ? "nothing" : previous.checkpointId());
    }

    /** The served model for one request, or empty before there is a champion. */
    public Optional<Lease> lease() {
        while (true) {
            ServedModel served = current.get();
            if (served == null) {
                return Optional.empty();
            }
            if (served.tryAcquire()) {
                return Optional.of(new Lease(served));
            }
            // closed between the read and the acquire: it was swapped out, so the next read finds its successor
        }
    }
}
