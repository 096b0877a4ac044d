package dev.distill.referenceteacher.service;

/** A request the OpenAI API would refuse; becomes an OpenAI error body with the given status. */
public class InvalidRequestException extends RuntimeException {

    private final int status;
    private final String param;
    private final String code;

    public InvalidRequestException(String message, String param) {
        this(400, message, param, null);
    }

    public InvalidRequestException(int status, String message, String param, String code) {
        super(message);
        this.status = status;
        this.param = param;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }
}
