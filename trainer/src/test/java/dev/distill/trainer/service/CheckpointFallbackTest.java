package dev.distill.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.model.ByteTokenizer;
import dev.distill.model.ChatTurn;
import dev.distill.model.Checkpoints;
import dev.distill.model.Student;
import dev.distill.model.StudentConfig;
import dev.distill.trainer.domain.CheckpointRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFallbackTest {

    @TempDir
    Path tmp;

    @Test
    void damagedAndMissingCheckpointsFallBackToTheNewestThatLoads() throws IOException {
        CheckpointRecord older = saved("s-00000010", 10, 1);
        CheckpointRecord good = saved("s-00000020", 20, 2);
        CheckpointRecord flipped = saved("s-00000030", 30, 3);
        Path params = tmp.resolve("s-00000030").resolve(Checkpoints.PARAMETERS_FILE);
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(params, bytes);
        CheckpointRecord deleted = record("s-00000040", 40, tmp.resolve("s-00000040"));
        Map<String, String> unreadable = new LinkedHashMap<>();

        Optional<CheckpointFallback.Resumed> resumed = CheckpointFallback.newestReadable(
                List.of(deleted, flipped, good, older), (c, e) -> unreadable.put(c.checkpointId, e.getMessage()));

        assertThat(resumed).isPresent();
        try (Student student = resumed.get().student()) {
            assertThat(resumed.get().checkpoint()).isSameAs(good);
            try (Student expected = Student.create(StudentConfig.tiny(), 2)) {
                int[] prompt = ByteTokenizer.instance().encodePrompt(List.of(ChatTurn.user("1+1=")));
                assertThat(student.logits(prompt)).isDeepEqualTo(expected.logits(prompt));
            }
        }
        assertThat(unreadable).containsOnlyKeys("s-00000040", "s-00000030");
        assertThat(unreadable.get("s-00000040")).contains("not a directory");
        assertThat(unreadable.get("s-00000030")).contains("SHA-256");
    }

    @Test
    void whenNoneLoadsThereIsNothingToResumeFrom() {
        CheckpointRecord missing = record("s-00000010", 10, tmp.resolve("gone"));
        List<String> unreadable = new ArrayList<>();

        assertThat(CheckpointFallback.newestReadable(List.of(missing), (c, e) -> unreadable.add(c.checkpointId)))
                .isEmpty();
        assertThat(unreadable).containsExactly("s-00000010");
    }

    private CheckpointRecord saved(String id, long step, long seed) {
        Path dir = tmp.resolve(id);
        try (Student student = Student.create(StudentConfig.tiny(), seed)) {
            Checkpoints.save(student, dir, Map.of("step", step));
        }
        return record(id, step, dir);
    }

    private static CheckpointRecord record(String id, long step, Path dir) {
        CheckpointRecord record = new CheckpointRecord();
        record.checkpointId = id;
        record.step = step;
        record.uri = dir.toUri().toString();
        return record;
    }
}
