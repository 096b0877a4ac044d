package dev.distill.gateway.rest;

import dev.distill.gateway.service.UnroutableException;
import dev.distill.gateway.service.VersionExistsException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Bad input answers 400, unknown teachers or versions 404, a version announced twice 409; all in OpenAI's shape. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response badInput(IllegalArgumentException e) {
        return OpenAiError.response(400, "invalid_request_error", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unroutable(UnroutableException e) {
        return OpenAiError.response(404, "not_found_error", e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(VersionExistsException e) {
        return OpenAiError.response(409, "conflict_error", e.getMessage());
    }
}
