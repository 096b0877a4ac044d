package dev.distill.trainer.rest;

import dev.distill.trainer.config.TrainerConfig;
import dev.distill.trainer.domain.CheckpointRecord;
import dev.distill.trainer.service.TrainingLoop;
import dev.distill.trainer.service.TrainingStatus;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class TrainingResource {

    @Inject
    TrainingLoop loop;

    @Inject
    TrainerConfig config;

    /** The training loop now: state, step, smoothed loss, samples waiting. */
    @GET
    @Path("training")
    public TrainingStatus training() {
        return loop.status();
    }

    /** The checkpoint registry of the configured student, newest first. */
    @GET
    @Path("checkpoints")
    public List<CheckpointView> checkpoints() {
        return CheckpointRecord.newestFirst(config.studentId()).stream().map(CheckpointView::of).toList();
    }

    public record CheckpointView(String checkpointId, long step, long samplesSeen, long tokensSeen, double trainLoss,
            String uri, long parameterCount, String teacherVersions, String createdAt) {
        static CheckpointView of(CheckpointRecord r) {
            return new CheckpointView(r.checkpointId, r.step, r.samplesSeen, r.tokensSeen, r.trainLoss, r.uri,
                    r.parameterCount, r.teacherVersions, r.createdAt.toString());
        }
    }
}
