package dev.distill.evaluator.service;

import java.util.List;

/** A custom suite that cannot be registered: why, and for a bad file each bad line's number and reason. */
public class InvalidSuiteException extends RuntimeException {

    /** A bad line: its 1-based number in the file, as an editor shows it, and what is wrong. */
    public record LineError(long line, String reason) {
    }

    private final List<LineError> lines;

    public InvalidSuiteException(String message, List<LineError> lines) {
        super(message);
        this.lines = List.copyOf(lines);
    }

    public List<LineError> lines() {
        return lines;
    }
}
