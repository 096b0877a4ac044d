package dev.distill.gateway.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The error body OpenAI clients expect: {@code {"error":{"message","type","param","code"}}}. */
public record OpenAiError(Body error) {

    public record Body(String message, String type, String param, String code) {
    }

    public static Response response(int status, String type, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OpenAiError(new Body(message, type, null, null))).build();
    }
}
