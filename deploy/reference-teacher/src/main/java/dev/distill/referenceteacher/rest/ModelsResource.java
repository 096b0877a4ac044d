package dev.distill.referenceteacher.rest;

import dev.distill.referenceteacher.config.TeacherIdentity;
import dev.distill.referenceteacher.domain.ModelList;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/** {@code GET /v1/models}: the one served model, id {@code <model-name>-<version>}. */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    /** When this process started serving; OpenAI's {@code created} is the model's creation time. */
    private static final long STARTED = Instant.now().getEpochSecond();

    private final TeacherIdentity identity;

    public ModelsResource(TeacherIdentity identity) {
        this.identity = identity;
    }

    @GET
    public Response list() {
        ModelList models = new ModelList("list",
                List.of(new ModelList.Model(identity.servedModelId(), "model", STARTED, "distill")));
        return Response.ok(models).header(ChatCompletionsResource.VERSION_HEADER, identity.version()).build();
    }
}
