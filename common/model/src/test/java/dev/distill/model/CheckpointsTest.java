package dev.distill.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
            assertThat(Files.readString(dir.resolve(Checkpoints.CONFIG_FILE))).contains("\"formatVersion\" : 2");
            assertThat(info.parametersSha256()).matches("[0-9a-f]{64}");

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
    void aFlippedByteInTheParametersIsCaughtByTheChecksum() throws IOException {
        Path dir = tmp.resolve("flipped");
        try (Student student = Student.create(StudentConfig.tiny(), 1)) {
            Checkpoints.save(student, dir, Map.of());
        }
        Path params = dir.resolve(Checkpoints.PARAMETERS_FILE);
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length - 1] ^= 0x01; // the low bit of the last float: still a well-formed parameters file
        Files.write(params, bytes);

        assertThatThrownBy(() -> Checkpoints.load(dir)).isInstanceOf(InvalidCheckpointException.class)
                .hasMessageContaining("SHA-256").hasMessageContaining(Checkpoints.PARAMETERS_FILE)
                .hasMessageContaining(Checkpoints.readInfo(dir).parametersSha256());
    }

    @Test
    void formatOneWithoutChecksumIsStillRead() throws IOException {
        Path dir = tmp.resolve("v1");
        long parameters;
        try (Student student = Student.create(StudentConfig.tiny(), 1)) {
            Checkpoints.save(student, dir, Map.of());
            parameters = student.parameterCount();
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(dir.resolve(Checkpoints.CONFIG_FILE).toFile());
        config.put("formatVersion", 1);
        config.remove("parametersSha256");
        json.writeValue(dir.resolve(Checkpoints.CONFIG_FILE).toFile(), config);

        assertThat(Checkpoints.readInfo(dir).parametersSha256()).isNull();
        try (Student loaded = Checkpoints.load(dir)) {
            assertThat(loaded.parameterCount()).isEqualTo(parameters);
        }
    }

    @Test
    void formatTwoWithoutChecksumIsRefused() throws IOException {
        Path dir = tmp.resolve("v2-no-sum");
        try (Student student = Student.create(StudentConfig.tiny(), 1)) {
            Checkpoints.save(student, dir, Map.of());
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(dir.resolve(Checkpoints.CONFIG_FILE).toFile());
        config.remove("parametersSha256");
        json.writeValue(dir.resolve(Checkpoints.CONFIG_FILE).toFile(), config);

        assertThatThrownBy(() -> Checkpoints.load(dir)).isInstanceOf(InvalidCheckpointException.class)
                .hasMessageContaining("parametersSha256");
    }

    @Test
    void savingIntoAnUnusableDirectoryNamesItAndTheCause() throws IOException {
        Path notADirectory = Files.writeString(tmp.resolve("a-file"), "x");
        try (Student student = Student.create(StudentConfig.tiny(), 1)) {
            assertThatThrownBy(() -> Checkpoints.save(student, notADirectory.resolve("ckpt"), Map.of()))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining(notADirectory.toString())
                    .hasMessageContaining("FileAlreadyExistsException");
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).containsExactly(notADirectory);
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
