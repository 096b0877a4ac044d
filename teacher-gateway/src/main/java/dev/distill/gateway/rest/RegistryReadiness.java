package dev.distill.gateway.rest;

import dev.distill.gateway.service.TeacherRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the configured teacher is registered: before that no request could be routed. */
@Readiness
@ApplicationScoped
public class RegistryReadiness implements HealthCheck {

    private final TeacherRegistry registry;

    public RegistryReadiness(TeacherRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("teacher-registry")
                .status(registry.ready().toCompletableFuture().isDone()).build();
    }
}
