package dev.distill.evaluator.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A request the endpoint answers with an error in OpenAI's shape, {@code {"error":{message,type,param,code}}}. */
public final class OpenAiException extends RuntimeException {

    /** OpenAI's error body; param and code are written even when null, as OpenAI does. */
    public record ErrorBody(Error error) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Error(String message, String type, String param, String code) {
    }

    private final int status;
    private final String type;
    private final String param;
    private final String code;

    private OpenAiException(int status, String type, String param, String code, String message) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    public static OpenAiException invalid(String param, String message) {
        return new OpenAiException(400, "invalid_request_error", param, null, message);
    }

    public static OpenAiException unknownModel(String model) {
        return new OpenAiException(404, "invalid_request_error", "model", "model_not_found",
                "The model '" + model + "' does not exist; this endpoint serves only its student's champion");
    }

    public static OpenAiException unavailable(String message) {
        return new OpenAiException(503, "server_error", null, "no_champion", message);
    }

    public static OpenAiException failed(String message) {
        return new OpenAiException(500, "server_error", null, null, message);
    }

    public int status() {
        return status;
    }

    public Response response() {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(new Error(getMessage(), type, param, code))).build();
    }
}
