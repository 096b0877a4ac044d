package dev.distill.model;

import java.nio.file.Path;

/** A directory that is not a readable checkpoint of this format. */
public class InvalidCheckpointException extends RuntimeException {

    private final Path directory;

    public InvalidCheckpointException(Path directory, String reason) {
        super("not a valid student checkpoint: " + directory + ": " + reason);
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }
}
