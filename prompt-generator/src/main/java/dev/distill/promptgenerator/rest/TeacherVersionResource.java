package dev.distill.promptgenerator.rest;

import dev.distill.promptgenerator.service.TeacherVersionRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** {@code GET /teacher-versions}: the versions announced so far, newest first. */
@Path("/teacher-versions")
@Produces(MediaType.APPLICATION_JSON)
public class TeacherVersionResource {

    private final TeacherVersionRegistry registry;

    public TeacherVersionResource(TeacherVersionRegistry registry) {
        this.registry = registry;
    }

    public record View(String teacherName, String model, String version, Instant announcedAt, String replayPolicy,
            Double replayFraction, Instant receivedAt) {
    }

    @GET
    public List<View> list() {
        return registry.list().stream().map(v -> new View(v.teacherName, v.model, v.version, v.announcedAt,
                v.replayPolicy, v.replayFraction, v.receivedAt)).toList();
    }
}
