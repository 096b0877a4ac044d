package dev.distill.referenceteacher.rest;

import dev.distill.referenceteacher.config.TeacherIdentity;
import dev.distill.referenceteacher.domain.ChatCompletionRequest;
import dev.distill.referenceteacher.domain.ChatCompletionResponse;
import dev.distill.referenceteacher.service.Completion;
import dev.distill.referenceteacher.service.CompletionService;
import dev.distill.referenceteacher.service.ScoredToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /v1/chat/completions}, OpenAI wire format, non-streaming. The served version is also in the
 * {@value #VERSION_HEADER} response header. Fault injection (a later issue) belongs in front of
 * {@link CompletionService#complete}, here, so faults look to clients like a misbehaving server, not a wrong answer.
 */
@Path("/v1/chat/completions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ChatCompletionsResource {

    public static final String VERSION_HEADER = "x-teacher-version";

    private final CompletionService completions;
    private final TeacherIdentity identity;

    public ChatCompletionsResource(CompletionService completions, TeacherIdentity identity) {
        this.completions = completions;
        this.identity = identity;
    }

    @POST
    public Response complete(ChatCompletionRequest request) {
        Completion completion = completions.complete(request);
        ChatCompletionResponse body = new ChatCompletionResponse(
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
        return Response.ok(body).header(VERSION_HEADER, identity.version()).build();
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
