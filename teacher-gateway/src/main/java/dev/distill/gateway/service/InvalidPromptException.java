package dev.distill.gateway.service;

/** A prompt the gateway will not put to a teacher (no messages, too large); it goes to the DLQ unanswered. */
public class InvalidPromptException extends IllegalArgumentException {

    public InvalidPromptException(String message) {
        super(message);
    }
}
