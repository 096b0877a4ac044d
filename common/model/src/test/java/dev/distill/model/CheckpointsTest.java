package dev.distill.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

    @TempDir
    Path tmp;

    @Test
    void saveThenLoadReproducesGreedyOutputsAndMetadata() throws IOException {
        try (Student student = TrainedFixture.trained(StudentConfig.tiny().withPositions("learned"), 30)) {
            Path dir = tmp.resolve("ckpt-000030");
            Map<String, Object> training = Map.of("step", 30, "samplesSeen", 480, "teacherVersions", List.of("v1"),
                    "loss", 0.42);
            Checkpoints.save(student, dir, training);

            try (Stream<Path> siblings = Files.list(tmp)) {
                assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("ckpt-000030");
            }
            assertThat(dir.resolve(Checkpoints.PARAMETERS_FILE)).isRegularFile();
            assertThat(Checkpoints.readTraining(dir)).containsEntry("step", 30).containsEntry("loss", 0.42)
                    .containsEntry("teacherVersions", List.of("v1"));
            Checkpoints.CheckpointInfo info = Checkpoints.readInfo(dir);
            assertThat(info.student()).isEqualTo(student.config());
            assertThat(info.tokenizer()).isEqualTo(ByteTokenizer.NAME);
            assertThat(Files.readString(dir.resolve(Checkpoints.CONFIG_FILE))).contains("\"formatVersion\" : 1");

            try (Student loaded = Student.load(dir)) {
                assertThat(loaded.parameterCount()).isEqualTo(student.parameterCount());
                assertThat(loaded.config()).isEqualTo(student.config());
                List<List<ChatTurn>> prompts = TrainedFixture.prompts();
                assertThat(loaded.generate(prompts, 40)).isEqualTo(student.generate(prompts, 40));
                int[] tokens = ByteTokenizer.instance().encodePrompt(prompts.get(1));
                assertThat(loaded.logits(tokens)).isDeepEqualTo(student.logits(tokens));
            }
        }
    }

    @Test
    void checkpointsAreImmutable() {
        try (Student student = Student.create(StudentConfig.tiny(), 1)) {
            Path dir = tmp.resolve("ckpt");
            Checkpoints.save(student, dir, Map.of());
            assertThatThrownBy(() -> Checkpoints.save(student, dir, Map.of()))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("already exists");
        }
    }

    @Test
    void loadingSomethingElseFailsClearly() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertThatThrownBy(() -> Student.load(empty)).isInstanceOf(InvalidCheckpointException.class)
                .hasMessageContaining("not a valid student checkpoint").hasMessageContaining("config.json");

        assertThatThrownBy(() -> Student.load(tmp.resolve("missing")))
                .isInstanceOf(InvalidCheckpointException.class).hasMessageContaining("not a directory");

        Path garbage = Files.createDirectory(tmp.resolve("garbage"));
        Files.writeString(garbage.resolve(Checkpoints.CONFIG_FILE), "{not json");
        Files.write(garbage.resolve(Checkpoints.PARAMETERS_FILE), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> Student.load(garbage)).isInstanceOf(InvalidCheckpointException.class)
                .hasMessageContaining("not valid JSON");

        Path corrupt = tmp.resolve("corrupt");
        try (Student student = Student.create(StudentConfig.tiny(), 1)) {
            Checkpoints.save(student, corrupt, Map.of());
        }
        Files.write(corrupt.resolve(Checkpoints.PARAMETERS_FILE), new byte[] {0, 0, 0, 7, 1, 2, 3});
        assertThatThrownBy(() -> Student.load(corrupt)).isInstanceOf(InvalidCheckpointException.class)
                .hasMessageContaining("student.params");
    }
}
