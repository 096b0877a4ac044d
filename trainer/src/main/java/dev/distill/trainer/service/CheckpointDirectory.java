package dev.distill.trainer.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The startup check of the checkpoint directory, so that a missing or read-only volume fails fast and clearly. */
final class CheckpointDirectory {

    private CheckpointDirectory() {
    }

    /** Creates {@code dir} if needed and writes, syncs and deletes a small file in it; throws naming dir and cause. */
    static void requireWritable(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
            Path probe = Files.createTempFile(absolute, ".write-check-", ".tmp");
            try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.allocate(4096));
                channel.force(true);
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            // the exception's type (AccessDenied, FileAlreadyExists, ...) says more than its message, often a path
            throw new IllegalStateException("checkpoint directory " + absolute
                    + " (distill.trainer.checkpoint-dir) cannot be created or written: " + e.getClass().getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }
}
