package dev.distill.promptgenerator.source;

/** A prompt-file line that cannot be used; the message says why, in words meant for the file's author. */
public class InvalidLineException extends RuntimeException {

    public InvalidLineException(String reason) {
        super(reason);
    }
}
