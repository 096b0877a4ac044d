package dev.distill.gateway.rest;

import dev.distill.gateway.config.TeacherConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The teachers this gateway is configured for (one for now; a registry of several is a later issue). */
@Path("/teachers")
@Produces(MediaType.APPLICATION_JSON)
public class TeachersResource {

    /** What is safe to show: never the API key, only whether one is configured. */
    public record TeacherView(String name, String model, String version, String baseUrl, boolean apiKeyConfigured,
            int concurrency) {
    }

    private final TeacherConfig config;

    public TeachersResource(TeacherConfig config) {
        this.config = config;
    }

    @GET
    public List<TeacherView> teachers() {
        return List.of(new TeacherView(config.name(), config.model(), config.version(), config.baseUrl(),
                config.apiKey().filter(key -> !key.isBlank()).isPresent(), config.concurrency()));
    }
}
