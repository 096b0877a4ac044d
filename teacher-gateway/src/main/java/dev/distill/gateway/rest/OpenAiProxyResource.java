package dev.distill.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.distill.gateway.client.TeacherCallException;
import dev.distill.gateway.config.GatewayConfig;
import dev.distill.gateway.service.Capture;
import dev.distill.gateway.service.PromptChecks;
import dev.distill.gateway.service.TeacherAnswers;
import dev.distill.gateway.service.TeacherChannel;
import dev.distill.gateway.service.TeacherRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * An OpenAI-compatible front for the registered teachers: point an application's base URL at
 * {@code http://gateway/v1} and its calls get the gateway's limits, retries, cache and metrics. {@code model} names a
 * registered teacher (anything else goes to the default one). With capture on, each exchange is also published as a
 * PromptEvent and TeacherResponseEvent, so real traffic becomes distillation data.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OpenAiProxyResource {

    public static final String CACHED_HEADER = "x-distill-cached";
    public static final String TEACHER_HEADER = "x-distill-teacher";

    record Model(String id, String object, long created, @com.fasterxml.jackson.annotation.JsonProperty("owned_by") String ownedBy) {
    }

    record ModelList(String object, List<Model> data) {
    }

    private final TeacherRegistry registry;
    private final TeacherAnswers answers;
    private final PromptChecks checks;
    private final Capture capture;
    private final GatewayConfig config;

    public OpenAiProxyResource(TeacherRegistry registry, TeacherAnswers answers, PromptChecks checks, Capture capture,
            GatewayConfig config) {
        this.registry = registry;
        this.answers = answers;
        this.checks = checks;
        this.capture = capture;
        this.config = config;
    }

    @GET
    @Path("/models")
    public ModelList models() {
        return new ModelList("list", registry.snapshot().teachers().keySet().stream()
                .map(name -> new Model(name, "model", 0, "distill")).toList());
    }

    @POST
    @Path("/chat/completions")
    public Uni<Response> complete(JsonNode body, @HeaderParam("x-distill-campaign") String campaignId) {
        ProxyRequest parsed = ProxyRequest.parse(body, config.proxyDefaultMaxTokens());
        checks.check(parsed.messages());
        TeacherChannel channel = registry.forModel(parsed.model(), UUID.randomUUID().toString());
        return Uni.createFrom().completionStage(channel::acquire)
                .chain(() -> answers.answer(channel, parsed.request()))
                .eventually(channel::release)
                .call(answer -> capture.enabled()
                        ? capture.record(campaignId, parsed.messages(), parsed.request(), answer)
                        : Uni.createFrom().voidItem())
                .map(answer -> Response.ok(ProxyResponse.of(answer.teacher().name(), answer.content(),
                                Boolean.TRUE.equals(parsed.request().logprobs())))
                        .header(CACHED_HEADER, answer.cached())
                        .header(TEACHER_HEADER, answer.teacher().qualifiedVersion()).build())
                .onFailure(TeacherCallException.class).recoverWithItem(failure -> teacherFailed((TeacherCallException) failure));
    }

    /** The teacher's own client errors pass through; throttling stays 429; anything else is a bad gateway. */
    private static Response teacherFailed(TeacherCallException e) {
        int status = switch (e.kind()) {
            case THROTTLED -> 429;
            case TIMEOUT -> 504;
            case HTTP_ERROR -> e.status() >= 400 && e.status() < 500 ? e.status() : 502;
            default -> 502;
        };
        return OpenAiError.response(status, "teacher_error", e.getMessage());
    }
}
