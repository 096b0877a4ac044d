package dev.distill.gateway.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The one endpoint of the OpenAI wire format the gateway needs. Built per teacher by {@link TeacherClient}. */
@Path("/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface OpenAiChatApi {

    @POST
    @Path("/chat/completions")
    ChatCompletionResponse complete(ChatCompletionRequest request);
}
