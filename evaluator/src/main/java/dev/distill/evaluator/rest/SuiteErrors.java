package dev.distill.evaluator.rest;

import dev.distill.evaluator.service.InvalidSuiteException;
import dev.distill.evaluator.service.SuiteRegistration;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Suite registration errors as JSON: what is wrong and, for a bad file, each bad line's number and reason. */
public class SuiteErrors {

    public record SuiteError(String error, List<InvalidSuiteException.LineError> lines) {
    }

    @ServerExceptionMapper
    public Response invalid(InvalidSuiteException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new SuiteError(e.getMessage(), e.lines())).build();
    }

    @ServerExceptionMapper
    public Response conflict(SuiteRegistration.ConflictException e) {
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON)
                .entity(new SuiteError(e.getMessage(), List.of())).build();
    }
}
