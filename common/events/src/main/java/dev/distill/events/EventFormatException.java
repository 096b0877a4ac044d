package dev.distill.events;

/** A record that is not a valid event of the expected type and version. The message says which field or version. */
public class EventFormatException extends RuntimeException {

    public EventFormatException(String message) {
        super(message);
    }

    public EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
