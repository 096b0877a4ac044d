package dev.distill.promptgenerator.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.distill.promptgenerator.service.CampaignService;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

public class ErrorMappers {

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e) {
        return badRequest(e.field(), e.getMessage());
    }

    /** Wrong type for a field, e.g. a string where a number belongs; overrides Quarkus' built-in mapper for it. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableBody(e);
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e) {
        String field = null;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        }
        return badRequest(field, "unreadable request body: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response unknownCampaign(CampaignService.UnknownCampaignException e) {
        return Response.status(404).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("not_found", null, e.getMessage())).build();
    }

    /** E.g. resuming a completed campaign. */
    @ServerExceptionMapper
    public Response wrongState(CampaignService.CampaignStateException e) {
        return Response.status(409).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("conflict", "state", e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Response.status(404).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("not_found", null, e.getMessage())).build();
    }

    /** Anything else the HTTP layer refuses (e.g. a truncated JSON body), in the same error format. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(status == 400 ? "invalid_request" : "http_" + status, null, e.getMessage())).build();
    }

    private static Response badRequest(String field, String message) {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("invalid_request", field, message)).build();
    }
}
