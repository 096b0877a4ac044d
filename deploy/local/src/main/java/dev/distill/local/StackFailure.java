package dev.distill.local;

/** The local stack could not start or run; the message names the cause and what to do. */
public class StackFailure extends RuntimeException {

    public StackFailure(String message) {
        super(message);
    }

    public StackFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
