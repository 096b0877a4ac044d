package dev.distill.gateway.service;

/** No teacher version can take this request (unknown teacher or version, or none active); not worth retrying. */
public class UnroutableException extends RuntimeException {

    public UnroutableException(String message) {
        super(message);
    }
}
