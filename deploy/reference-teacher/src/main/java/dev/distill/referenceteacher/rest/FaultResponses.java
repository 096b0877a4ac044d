package dev.distill.referenceteacher.rest;

import dev.distill.referenceteacher.domain.OpenAiError;
import dev.distill.referenceteacher.service.FaultPlan;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The HTTP errors of injected failures, shaped as OpenAI sends them so clients take the path they take for OpenAI. */
final class FaultResponses {

    private FaultResponses() {
    }

    static Response.ResponseBuilder of(FaultPlan plan, String servedModelId) {
        return switch (plan.failure()) {
            case THROTTLE -> Response.status(429)
                    .header(HttpHeaders.RETRY_AFTER, Integer.toString(plan.retryAfterSeconds()))
                    .entity(OpenAiError.of("Rate limit reached for " + servedModelId + " (injected fault). Please try "
                            + "again in " + plan.retryAfterSeconds() + "s.", "rate_limit_error", null,
                            "rate_limit_exceeded"))
                    .type(MediaType.APPLICATION_JSON);
            case SERVER_ERROR -> error(plan.status(), switch (plan.status()) {
                case 502 -> "Bad gateway (injected fault).";
                case 503 -> "The server is overloaded or not ready yet (injected fault).";
                default -> "The server had an error while processing your request (injected fault).";
            }, "server_error");
            case TIMEOUT -> error(504, "The teacher did not answer in time (injected fault).", "timeout");
            case NONE -> throw new IllegalArgumentException("no failure to answer with");
        };
    }

    private static Response.ResponseBuilder error(int status, String message, String code) {
        return Response.status(status).entity(OpenAiError.of(message, "server_error", null, code))
                .type(MediaType.APPLICATION_JSON);
    }
}
