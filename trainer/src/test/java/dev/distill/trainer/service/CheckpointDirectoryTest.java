package dev.distill.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void aMissingDirectoryIsCreatedAndLeftEmpty() throws IOException {
        Path dir = tmp.resolve("volume/checkpoints");

        CheckpointDirectory.requireWritable(dir);

        assertThat(dir).isDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aDirectoryThatCannotBeCreatedFailsNamingItAndTheCause() throws IOException {
        Path file = Files.writeString(tmp.resolve("mount"), "a file where a directory should be");
        Path dir = file.resolve("checkpoints");

        assertThatThrownBy(() -> CheckpointDirectory.requireWritable(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("distill.trainer.checkpoint-dir")
                .hasMessageContaining("Not a directory");
    }
}
