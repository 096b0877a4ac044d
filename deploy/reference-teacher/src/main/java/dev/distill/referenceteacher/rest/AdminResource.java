package dev.distill.referenceteacher.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distill.referenceteacher.domain.FaultProfile;
import dev.distill.referenceteacher.domain.RequestStats;
import dev.distill.referenceteacher.service.FaultInjector;
import dev.distill.referenceteacher.service.RequestCounter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * Test controls: the fault profile ({@code GET/PUT /admin/faults}) and the request counts by outcome
 * ({@code GET /admin/stats}, {@code POST /admin/stats/reset}), so a test can inject faults and count the teacher
 * calls they caused without restarting the teacher.
 */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private final FaultInjector faults;
    private final RequestCounter counter;
    private final FaultProfileReader reader;

    public AdminResource(FaultInjector faults, RequestCounter counter, ObjectMapper mapper) {
        this.faults = faults;
        this.counter = counter;
        this.reader = new FaultProfileReader(mapper);
    }

    @GET
    @Path("/faults")
    public FaultProfile faults() {
        return faults.profile();
    }

    /** Replaces the profile (fields left out: their startup value) and restarts the fault RNG from its seed. */
    @PUT
    @Path("/faults")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = FaultProfile.class)))
    public FaultProfile replaceFaults(String body) throws JsonProcessingException {
        return faults.replace(reader.read(body, faults.startupProfile()));
    }

    @GET
    @Path("/stats")
    public RequestStats stats() {
        return counter.snapshot();
    }

    @POST
    @Path("/stats/reset")
    public RequestStats resetStats() {
        counter.reset();
        return counter.snapshot();
    }
}
