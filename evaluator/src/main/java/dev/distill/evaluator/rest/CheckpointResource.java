package dev.distill.evaluator.rest;

import dev.distill.evaluator.domain.UnscoredCheckpoint;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

@Path("/checkpoints")
@Produces(MediaType.APPLICATION_JSON)
public class CheckpointResource {

    public record Unscored(String checkpointId, String studentId, String status, String reason, Instant at) {
    }

    /** Checkpoints that were skipped (superseded before they were scored) or failed to load, newest first. */
    @GET
    @Path("/unscored")
    public List<Unscored> unscored() {
        return QuarkusTransaction.requiringNew().call(() -> UnscoredCheckpoint.newestFirst().stream()
                .map(u -> new Unscored(u.checkpointId, u.studentId, u.status, u.reason, u.createdAt)).toList());
    }
}
