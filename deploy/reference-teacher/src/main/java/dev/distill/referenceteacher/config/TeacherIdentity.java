package dev.distill.referenceteacher.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The served version, its model id and its error rate, checked once at startup so a typo in the version
 * fails the process instead of silently serving a perfect (or useless) teacher.
 */
@ApplicationScoped
public class TeacherIdentity {

    private final String modelName;
    private final String version;
    private final double errorRate;

    public TeacherIdentity(TeacherConfig config) {
        this.modelName = config.modelName();
        this.version = config.version();
        Double rate = config.errorRate().get(version);
        if (rate == null) {
            throw new IllegalStateException("teacher.version=" + version + " has no teacher.error-rate." + version
                    + " (configured: " + config.errorRate().keySet() + ")");
        }
        if (rate < 0 || rate > 1 || rate.isNaN()) {
            throw new IllegalStateException("teacher.error-rate." + version + " must be in [0,1], was " + rate);
        }
        this.errorRate = rate;
    }

    void validateAtStartup(@Observes StartupEvent event) {
        // injecting this bean in an observer forces construction, hence validation, at startup
    }

    public String modelName() {
        return modelName;
    }

    public String version() {
        return version;
    }

    /** The id under which {@code GET /v1/models} lists this teacher and responses name their model. */
    public String servedModelId() {
        return modelName + "-" + version;
    }

    public double errorRate() {
        return errorRate;
    }

    /** A request may name the versioned id or the bare model name (clients pinned before a version change). */
    public boolean serves(String model) {
        return model == null || model.isBlank() || model.equals(servedModelId()) || model.equals(modelName);
    }
}
