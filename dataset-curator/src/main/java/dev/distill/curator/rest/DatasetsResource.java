package dev.distill.curator.rest;

import dev.distill.curator.domain.CurationStore;
import dev.distill.curator.domain.DatasetSummary;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Dataset versions (one per teacher version) with curated and rejected counts and the acceptance rate. */
@Path("/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetsResource {

    private final CurationStore store;

    public DatasetsResource(CurationStore store) {
        this.store = store;
    }

    @GET
    public List<DatasetSummary> datasets() {
        return store.summaries();
    }
}
