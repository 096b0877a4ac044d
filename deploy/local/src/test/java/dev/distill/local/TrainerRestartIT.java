package dev.distill.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.distill.events.TeacherRef;
import dev.distill.events.Topics;
import dev.distill.testing.Eventually;
import dev.distill.testing.PostgresDatabases;
import dev.distill.testing.TopicProbe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trainer killed with SIGKILL twice while samples are still coming in and being trained on, and started again: it
 * resumes from its latest checkpoint each time, and every checkpoint it writes counts each sample it covers exactly
 * once (none skipped, none counted twice), until one covers every sample.
 */
class TrainerRestartIT {

    private static final String DATABASE = "distill_trainer_restart";
    private static final int SAMPLES = 1200;
    /** Small batches (about 10 addition samples) so that new samples take many steps to work through. */
    private static final int BATCH_TOKENS = 1024;
    /** Killed when this many samples have been trained on (the replay reservoir holds every one of them). */
    private static final List<Integer> KILL_AT_TRAINED = List.of(400, 800);
    private static final int CHECKPOINT_EVERY = 10;
    private static final TeacherRef TEACHER = new TeacherRef("reference", "reference-teacher", "v1");
    private static final Pattern CHECKPOINT_STEP = Pattern.compile("checkpoint \\S+: step (\\d+)");
    private static final Pattern RESUMED_STEP = Pattern.compile("resuming student-addition from checkpoint \\S+ at step (\\d+)");

    private static LocalStack stack;
    private static String trainer;

    @BeforeAll
    static void startTrainer() {
        Path repo = Path.of("").toAbsolutePath().getParent().getParent();
        // a step budget never reached: replay steps, and checkpoints, go on until the test has seen what it needs
        Map<String, Map<String, String>> props = Map.of("trainer", Map.of(
                "distill.trainer.checkpoint-every", Integer.toString(CHECKPOINT_EVERY),
                "distill.trainer.max-steps", "1000000",
                "distill.trainer.batch-tokens", Integer.toString(BATCH_TOKENS)));
        StackOptions options = new StackOptions(repo, repo.resolve("deploy/local/target/trainer-restart"),
                StackPorts.free(), DATABASE, true, "v1", props, Set.of("trainer"));
        stack = LocalStack.start(options,
                new ProgressLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false));
        trainer = stack.url("trainer");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void noSampleIsSkippedOrCountedTwiceAcrossKillDashNine() throws Exception {
        TopicProbe.sendAll(stack.bootstrapServers(), Topics.SAMPLES_CURATED,
                CuratedAdditions.records(TEACHER, SAMPLES, 3));

        for (int killAt : KILL_AT_TRAINED) {
            JsonNode atKill = awaitTraining(s -> s.path("samplesStored").asLong() >= killAt, Duration.ofMinutes(3));
            stack.kill("trainer");
            System.out.printf("killed the trainer at step %d with %d samples trained, %d waiting%n",
                    atKill.path("step").asLong(), atKill.path("samplesStored").asLong(),
                    atKill.path("samplesUntrained").asLong());
            assertThat(atKill.path("samplesStored").asLong()).as("samples trained when killed").isLessThan(SAMPLES);
            stack.restart("trainer");
            Path log = stack.process("trainer").log();
            long lastCheckpointBefore = lastMatch(log.resolveSibling("trainer.log.previous"), CHECKPOINT_STEP);
            Eventually.await("the restarted trainer resumes", Duration.ofSeconds(60),
                    () -> lastMatch(log, RESUMED_STEP) >= 0);
            assertThat(lastMatch(log, RESUMED_STEP)).as("the step resumed from: the killed run's last checkpoint")
                    .isEqualTo(lastCheckpointBefore);
        }

        try (Connection c = DriverManager.getConnection(PostgresDatabases.jdbcUrl(DATABASE), PostgresDatabases.user(),
                PostgresDatabases.password()); Statement st = c.createStatement()) {
            Eventually.await("a checkpoint covering every sample", Duration.ofMinutes(3),
                    () -> count(st, "select count(*) from trainer.checkpoint where samples_seen = " + SAMPLES) > 0);
            assertThat(count(st, "select count(distinct sample_id) from trainer.training_sample")).isEqualTo(SAMPLES);
            assertThat(count(st, "select count(*) from trainer.training_sample")).isEqualTo(SAMPLES);
            // each checkpoint's samples_seen is the number of samples up to the position it recorded: a sample trained
            // before a kill and again after the resume is counted once, and none is passed over
            int checked = 0;
            try (ResultSet rows = st.executeQuery("""
                    select c.checkpoint_id, c.samples_seen,
                           (select count(*) from trainer.training_sample s where s.seq <= c.last_sample_seq) covered
                    from trainer.checkpoint c order by c.created_at""")) {
                while (rows.next()) {
                    assertThat(rows.getLong("samples_seen")).as("samples seen by " + rows.getString("checkpoint_id"))
                            .isEqualTo(rows.getLong("covered"));
                    checked++;
                }
            }
            // each run went on from the newest checkpoint of the one before, so the steps form one sequence 10, 20, ...
            long lastStep = count(st, "select max(step) from trainer.checkpoint");
            assertThat(count(st, "select count(distinct step) from trainer.checkpoint"))
                    .isEqualTo(lastStep / CHECKPOINT_EVERY);
            System.out.printf("%d checkpoints checked, up to step %d%n", checked, lastStep);
        }
    }

    /** The number in the last line of {@code log} that {@code pattern} matches; -1 if none does. */
    private static long lastMatch(Path log, Pattern pattern) {
        long last = -1;
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    last = Long.parseLong(m.group(1));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return last;
    }

    private static long count(Statement st, String sql) {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private JsonNode awaitTraining(Predicate<JsonNode> done, Duration timeout) throws InterruptedException {
        return JsonStatus.await(trainer + "/training", done, timeout);
    }
}
