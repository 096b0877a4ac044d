package dev.distill.gateway.rest;

import dev.distill.events.TeacherVersionEvent;
import dev.distill.gateway.domain.ApiKeySource;
import dev.distill.gateway.domain.CostLedger;
import dev.distill.gateway.domain.Limits;
import dev.distill.gateway.domain.RegistrySnapshot;
import dev.distill.gateway.domain.Route;
import dev.distill.gateway.domain.TeacherSpec;
import dev.distill.gateway.domain.TeacherVersion;
import dev.distill.gateway.service.TeacherRegistry;
import dev.distill.gateway.service.UnroutableException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The teacher registry: register a teacher, announce a version (published as a TeacherVersionEvent; new prompts go
 * to it, or a canary share of them), change the routing, and read it all back with the cost ledger.
 * API keys are given by reference ({@code env:VAR} or {@code file:/path}) and never shown.
 */
@Path("/teachers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class TeachersResource {

    public record TeacherRequest(String name, String baseUrl, Map<String, String> headers, String apiKey,
            Integer maxInFlight, Integer requestsPerMinute, Integer tokensPerMinute, Duration timeout) {
    }

    public record VersionRequest(String version, String model, String baseUrl, Integer canaryPercent,
            String replayPolicy, Double replayFraction) {
    }

    public record RouteRequest(String activeVersion, String canaryVersion, Integer canaryPercent) {
    }

    /** What is safe to show: header names but not values, and whether a key is configured, not the key. */
    public record TeacherView(String name, String baseUrl, Set<String> headers, boolean apiKeyConfigured, Limits limits,
            Route route, List<TeacherVersion> versions, List<CostLedger.Entry> costs) {
    }

    private static final Set<String> REPLAY_POLICIES = Set.of("all", "sample", "none");

    private final TeacherRegistry registry;
    private final CostLedger ledger;

    public TeachersResource(TeacherRegistry registry, CostLedger ledger) {
        this.registry = registry;
        this.ledger = ledger;
    }

    @GET
    public List<TeacherView> teachers() {
        RegistrySnapshot snapshot = registry.snapshot();
        List<CostLedger.Entry> costs = ledger.entries();
        return snapshot.teachers().values().stream().map(t -> new TeacherView(t.name(), t.baseUrl(), t.headers().keySet(),
                t.apiKey().ref() != null, t.limits(), snapshot.routes().get(t.name()),
                snapshot.versions().getOrDefault(t.name(), List.of()),
                costs.stream().filter(c -> c.teacher().equals(t.name())).toList())).toList();
    }

    @POST
    public Response register(TeacherRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body is required");
        }
        TeacherSpec spec = new TeacherSpec(request.name(), request.baseUrl(), request.headers(),
                new ApiKeySource(request.apiKey()), new Limits(orDefault(request.maxInFlight(), 64),
                        orDefault(request.requestsPerMinute(), 0), orDefault(request.tokensPerMinute(), 0),
                        request.timeout() == null ? Duration.ofSeconds(60) : request.timeout()));
        registry.register(spec);
        return Response.status(Response.Status.CREATED).entity(find(spec.name())).build();
    }

    @POST
    @Path("/{name}/versions")
    public Response announce(@PathParam("name") String name, VersionRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body is required");
        }
        String policy = request.replayPolicy() == null ? "none" : request.replayPolicy();
        if (!REPLAY_POLICIES.contains(policy)) {
            throw new IllegalArgumentException("replayPolicy must be all, sample or none, was " + policy);
        }
        if ("sample".equals(policy) && (request.replayFraction() == null || request.replayFraction() <= 0
                || request.replayFraction() > 1)) {
            throw new IllegalArgumentException("replayPolicy sample needs a replayFraction in (0, 1]");
        }
        int canary = orDefault(request.canaryPercent(), 0);
        if (canary < 0 || canary > 100) {
            throw new IllegalArgumentException("canaryPercent must be in 0..100, was " + canary);
        }
        TeacherVersionEvent event = registry.announce(name, request.version(), request.model(), request.baseUrl(), policy,
                request.replayFraction(), canary);
        return Response.status(Response.Status.CREATED).entity(event).build();
    }

    @PUT
    @Path("/{name}/route")
    public TeacherView route(@PathParam("name") String name, RouteRequest request) {
        if (request == null || request.activeVersion() == null) {
            throw new IllegalArgumentException("activeVersion is required");
        }
        find(name);
        registry.route(new Route(name, request.activeVersion(), request.canaryVersion(), orDefault(request.canaryPercent(), 0)));
        return find(name);
    }

    private TeacherView find(String name) {
        return teachers().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new UnroutableException("unknown teacher '" + name + "'"));
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
