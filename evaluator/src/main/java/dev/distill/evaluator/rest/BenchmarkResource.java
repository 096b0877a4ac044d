package dev.distill.evaluator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.distill.evaluator.domain.BenchmarkResult;
import dev.distill.events.EventCodec;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/benchmarks")
@Produces(MediaType.APPLICATION_JSON)
public class BenchmarkResource {

    /** Every benchmark result (on {@code suite}, when given), newest first, as the BenchmarkEvent that was published. */
    @GET
    public List<JsonNode> list(@QueryParam("suite") String suite) {
        List<BenchmarkResult> results = suite == null || suite.isBlank() ? BenchmarkResult.newestFirst()
                : BenchmarkResult.newestFirst(suite);
        return results.stream().map(r -> {
            try {
                return EventCodec.mapper().readTree(r.eventJson);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
