package dev.distill.curator.rest;

import dev.distill.curator.domain.CurationStore;
import dev.distill.curator.domain.DatasetSummary;
import dev.distill.curator.domain.Lineage;
import dev.distill.curator.service.Datasets;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;

/**
 * Dataset versions (one per teacher version) with counts and acceptance rates by filter and skill, their export in
 * the OpenAI fine-tuning chat format, and the lineage of any prompt.
 */
@Path("/")
public class DatasetsResource {

    private final Datasets datasets;
    private final CurationStore store;

    public DatasetsResource(Datasets datasets, CurationStore store) {
        this.datasets = datasets;
        this.store = store;
    }

    @GET
    @Path("datasets")
    @Produces(MediaType.APPLICATION_JSON)
    public List<DatasetSummary> list() {
        return datasets.summaries();
    }

    /** JSONL, streamed: {@code {"messages": [...]}} per curated sample; {@code ?split=train} keeps one split. */
    @GET
    @Path("datasets/{version}/export")
    @Produces("application/jsonl")
    public Response export(@PathParam("version") String version, @QueryParam("split") String split) {
        if (!datasets.exists(version)) {
            throw new NotFoundException("no dataset version " + version);
        }
        StreamingOutput body = out -> datasets.export(version, split, out);
        return Response.ok(body).header("Content-Disposition",
                "attachment; filename=\"" + version.replaceAll("[^A-Za-z0-9._@-]", "_") + ".jsonl\"").build();
    }

    /** Every outcome of the prompt (one per teacher version), with the filters it passed and what they changed. */
    @GET
    @Path("samples/{promptId}")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Lineage> lineage(@PathParam("promptId") String promptId) {
        List<Lineage> lineage = store.lineage(promptId);
        if (lineage.isEmpty()) {
            throw new NotFoundException("no curated or rejected sample for prompt " + promptId);
        }
        return lineage;
    }
}
