package dev.distill.evaluator.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distill.evaluator.serving.ChampionHolder;
import dev.distill.evaluator.serving.ChatRequest;
import dev.distill.evaluator.serving.CompletionStream;
import dev.distill.evaluator.serving.OpenAiException;
import dev.distill.evaluator.serving.ServedModel;
import dev.distill.evaluator.serving.ServingConfig;
import dev.distill.evaluator.serving.ServingMetrics;
import dev.distill.evaluator.serving.TokenUsage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The served student's champion behind OpenAI's chat-completions API: an application moves from the teacher to the
 * student by changing its base URL to {@code http://evaluator/v1} and its model to the student id. With
 * {@code stream: true} the answer comes as server-sent events while it is generated ({@link CompletionStream}); errors
 * found before the stream begins (a malformed request, no champion) are answered in OpenAI's error shape as usual. The
 * checkpoint that answered is in {@code system_fingerprint} and the {@value #CHECKPOINT_HEADER} header.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ServingResource {

    public static final String CHECKPOINT_HEADER = "x-distill-checkpoint";

    private static final Logger LOG = Logger.getLogger(ServingResource.class);
    private static final MediaType SERVER_SENT_EVENTS = MediaType.valueOf("text/event-stream");

    record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
    }

    record ModelList(String object, List<Model> data) {
    }

    record ChatCompletion(String id, String object, long created, String model,
            @JsonProperty("system_fingerprint") String systemFingerprint, List<Choice> choices, TokenUsage usage) {
    }

    record Choice(int index, Message message, @JsonInclude(JsonInclude.Include.ALWAYS) Object logprobs,
            @JsonProperty("finish_reason") String finishReason) {
    }

    record Message(String role, String content) {
    }

    private final ChampionHolder holder;
    private final ServingConfig config;
    private final ServingMetrics metrics;
    private final ObjectMapper mapper;

    public ServingResource(ChampionHolder holder, ServingConfig config, ServingMetrics metrics, ObjectMapper mapper) {
        this.holder = holder;
        this.config = config;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    @GET
    @Path("/models")
    public ModelList models() {
        return new ModelList("list", List.of(model()));
    }

    @GET
    @Path("/models/{model}")
    public Model model(@PathParam("model") String model) {
        requireServed(model);
        return model();
    }

    /** The body is read as text so that malformed JSON, too, gets an answer in OpenAI's shape. */
    @POST
    @Path("/chat/completions")
    public Response complete(String body) {
        long started = System.nanoTime();
        ChatRequest request = ChatRequest.parse(mapper, body);
        request.model().ifPresent(this::requireServed);
        int maxTokens = Math.min(request.maxTokens().orElse(config.maxTokens()), config.maxTokens());
        long seed = request.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong());
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = Instant.now().getEpochSecond();
        ChampionHolder.Lease lease = holder.lease().orElseThrow(() -> OpenAiException.unavailable(
                "student " + config.student() + " has no champion to serve yet"));
        String checkpoint = lease.model().checkpointId();
        if (request.stream()) {
            // the stream closes the lease when it ends, however it ends
            return Response.ok(new CompletionStream(lease, request, maxTokens, seed,
                            new CompletionStream.Origin(id, created, config.student()), mapper, metrics, started))
                    .type(SERVER_SENT_EVENTS).header("Cache-Control", "no-cache").header(CHECKPOINT_HEADER, checkpoint)
                    .build();
        }
        try (lease) {
            ServedModel.Completion completion;
            try {
                completion = lease.model().complete(request.turns(), maxTokens, request.temperature(), seed);
            } catch (RuntimeException e) {
                LOG.errorf(e, "completion on %s failed", checkpoint);
                throw OpenAiException.failed("the student failed to generate: " + e.getMessage());
            }
            metrics.request("ok");
            metrics.completed(System.nanoTime() - started);
            return Response.ok(new ChatCompletion(id, "chat.completion", created, config.student(), checkpoint,
                            List.of(new Choice(0, new Message("assistant", completion.text()), null,
                                    completion.finishReason())), TokenUsage.of(completion)))
                    .header(CHECKPOINT_HEADER, checkpoint).build();
        }
    }

    @ServerExceptionMapper
    public Response refused(OpenAiException e) {
        metrics.request(switch (e.status()) {
            case 400 -> "invalid_request";
            case 404 -> "unknown_model";
            case 503 -> "no_champion";
            default -> "error";
        });
        return e.response();
    }

    private Model model() {
        return new Model(config.student(), "model", 0, "distill");
    }

    private void requireServed(String model) {
        if (!config.student().equals(model)) {
            throw OpenAiException.unknownModel(model);
        }
    }
}
