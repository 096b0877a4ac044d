package dev.distill.referenceteacher.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distill.referenceteacher.config.TeacherIdentity;
import dev.distill.referenceteacher.domain.ChatCompletionRequest;
import dev.distill.referenceteacher.domain.ChatCompletionResponse;
import dev.distill.referenceteacher.service.Completion;
import dev.distill.referenceteacher.service.CompletionService;
import dev.distill.referenceteacher.service.FaultInjector;
import dev.distill.referenceteacher.service.FaultPlan;
import dev.distill.referenceteacher.service.InvalidRequestException;
import dev.distill.referenceteacher.service.RequestCounter;
import dev.distill.referenceteacher.service.RequestOutcome;
import dev.distill.referenceteacher.service.ScoredToken;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /v1/chat/completions}, OpenAI wire format, non-streaming. The served version is also in the
 * {@value #VERSION_HEADER} response header. Injected faults are decided here, in front of
 * {@link CompletionService#complete}, so they look to clients like a misbehaving server, not a wrong answer.
 * <p>
 * Returning a {@link Uni} keeps the method on the event loop: latency and timeout holds are timers, not sleeping
 * threads, so hundreds of delayed requests can be in flight without a worker pool capping them. The body is read as
 * text and parsed here so that a request that fails to parse is still counted.
 */
@Path("/v1/chat/completions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ChatCompletionsResource {

    public static final String VERSION_HEADER = "x-teacher-version";

    private final CompletionService completions;
    private final TeacherIdentity identity;
    private final FaultInjector faults;
    private final RequestCounter counter;
    private final ObjectMapper mapper;

    public ChatCompletionsResource(CompletionService completions, TeacherIdentity identity, FaultInjector faults,
            RequestCounter counter, ObjectMapper mapper) {
        this.completions = completions;
        this.identity = identity;
        this.faults = faults;
        this.counter = counter;
        this.mapper = mapper;
    }

    @POST
    @RequestBody(content = @Content(schema = @Schema(implementation = ChatCompletionRequest.class)))
    public Uni<Response> complete(String body) {
        FaultPlan plan = faults.plan();
        Uni<Response> response = respond(plan, body);
        return plan.delay().isZero() ? response : after(plan.delay(), response);
    }

    /** Counts the request as soon as its outcome is known, so a held (timed-out) request is counted on arrival. */
    private Uni<Response> respond(FaultPlan plan, String body) {
        if (plan.failure() != FaultPlan.Failure.NONE) {
            counter.record(plan.outcome());
            return Uni.createFrom().item(withVersion(FaultResponses.of(plan, identity.servedModelId())));
        }
        Completion completion;
        try {
            completion = completions.complete(parse(body), plan.answerFault());
        } catch (InvalidRequestException | JsonProcessingException e) {
            counter.record(RequestOutcome.INVALID);
            return Uni.createFrom().failure(e); // the OpenAI error mappers turn it into a 400/404
        } catch (RuntimeException e) {
            counter.record(RequestOutcome.SERVER_ERROR); // a real failure is a server error too, and counted once
            return Uni.createFrom().failure(e);
        }
        counter.record(plan.outcome());
        return Uni.createFrom().item(withVersion(Response.ok(body(completion))));
    }

    private static Uni<Response> after(Duration delay, Uni<Response> response) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(delay).replaceWith(response);
    }

    private ChatCompletionRequest parse(String body) throws JsonProcessingException {
        return body == null || body.isBlank() ? null : mapper.readValue(body, ChatCompletionRequest.class);
    }

    private Response withVersion(Response.ResponseBuilder response) {
        return response.header(VERSION_HEADER, identity.version()).build();
    }

    private ChatCompletionResponse body(Completion completion) {
        return new ChatCompletionResponse(
                "chatcmpl-" + UUID.randomUUID().toString().replace("-", ""),
                "chat.completion",
                Instant.now().getEpochSecond(),
                identity.servedModelId(),
                identity.servedModelId(),
                List.of(new ChatCompletionResponse.Choice(0,
                        new ChatCompletionResponse.Message("assistant", completion.content()),
                        completion.logprobs() ? new ChatCompletionResponse.Logprobs(wire(completion.tokens())) : null,
                        completion.truncated() ? "length" : "stop")),
                new ChatCompletionResponse.Usage(completion.promptTokens(), completion.completionTokens(),
                        completion.promptTokens() + completion.completionTokens()));
    }

    private static List<ChatCompletionResponse.TokenLogprob> wire(List<ScoredToken> tokens) {
        return tokens.stream().map(t -> new ChatCompletionResponse.TokenLogprob(t.token(), t.logprob(), bytes(t.token()),
                t.top().stream().map(a -> new ChatCompletionResponse.TopLogprob(a.token(), a.logprob(), bytes(a.token())))
                        .toList())).toList();
    }

    /** UTF-8 bytes as unsigned ints, as OpenAI sends them. */
    private static int[] bytes(String token) {
        byte[] raw = token.getBytes(StandardCharsets.UTF_8);
        int[] out = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = raw[i] & 0xff;
        }
        return out;
    }
}
