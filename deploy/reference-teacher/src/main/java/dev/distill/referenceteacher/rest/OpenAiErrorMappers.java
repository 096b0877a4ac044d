package dev.distill.referenceteacher.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.distill.referenceteacher.domain.OpenAiError;
import dev.distill.referenceteacher.service.InvalidRequestException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every client error leaves in the OpenAI error format, so OpenAI clients report it as they would for OpenAI. */
public class OpenAiErrorMappers {

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return error(e.status(), e.getMessage(), e.param(), e.code());
    }

    /** Unparseable JSON or a field of the wrong type. */
    /** Wrong type for a field, e.g. a string where a number belongs; overrides Quarkus' built-in mapper for it. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableBody(e);
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e) {
        String param = null;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            param = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        }
        return error(400, "We could not parse the JSON body of your request: " + e.getOriginalMessage(), param, null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return error(status, e.getMessage(), null, null);
    }

    private static Response error(int status, String message, String param, String code) {
        String type = status >= 500 ? "server_error" : "invalid_request_error";
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(OpenAiError.of(message, type, param, code)).build();
    }
}
