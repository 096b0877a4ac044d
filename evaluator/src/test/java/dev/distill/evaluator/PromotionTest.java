package dev.distill.evaluator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.events.BenchmarkEvent;
import dev.distill.events.CheckpointEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.PromotionEvent;
import dev.distill.events.Topics;
import dev.distill.model.Checkpoints;
import dev.distill.model.Student;
import dev.distill.model.StudentConfig;
import dev.distill.testing.DistillTestResource;
import dev.distill.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The gate with a real broker and PostgreSQL (in tests the gate is 0, so the untrained checkpoints here can make a
 * first champion): the first checkpoint of a student is promoted and announced, a second one that scores no better is
 * not, and the REST views show it. PromotionGateTest covers the decision's arithmetic.
 */
@QuarkusTest
@WithTestResource(DistillTestResource.class)
class PromotionTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static CheckpointEvent checkpoint(String studentId, String checkpointId, long seed, String teacherVersion) {
        Path dir = Path.of("target", "test-checkpoints", checkpointId).toAbsolutePath();
        try (Student student = Student.create(StudentConfig.tiny(), seed)) {
            Checkpoints.save(student, dir, Map.of("step", 0));
            return new CheckpointEvent(1, studentId, checkpointId, 0, List.of(teacherVersion), 0, 0, 5.0,
                    dir.toUri().toString(), student.parameterCount(), Map.of("preset", "tiny"), Map.of(), Instant.now());
        }
    }

    private static BenchmarkEvent scored(CheckpointEvent checkpoint) {
        String bootstrap = DistillTestResource.broker().bootstrapServers();
        TopicProbe.send(bootstrap, Topics.CHECKPOINTS, checkpoint.key(), EventCodec.toJson(checkpoint));
        ConsumerRecord<String, String> record = TopicProbe.await(bootstrap, Topics.BENCHMARKS, 1,
                r -> r.value().contains(checkpoint.checkpointId()), WAIT).get(0);
        return EventCodec.fromJson(record.value(), BenchmarkEvent.class);
    }

    @Test
    void theFirstCheckpointBecomesChampionAndOneThatIsNoBetterDoesNot() {
        String studentId = "student-" + UUID.randomUUID();
        CheckpointEvent first = checkpoint(studentId, studentId + "-a", 1, "reference@v1");
        CheckpointEvent second = checkpoint(studentId, studentId + "-b", 2, "reference@v2");

        assertThat(scored(first).verdict()).isEqualTo("promoted");
        BenchmarkEvent challenger = scored(second);
        assertThat(challenger.verdict()).isEqualTo("not-better"); // both score about 0: no margin over the champion

        List<ConsumerRecord<String, String>> promotions = TopicProbe.await(
                DistillTestResource.broker().bootstrapServers(), Topics.PROMOTIONS, 1,
                r -> studentId.equals(r.key()), WAIT);
        PromotionEvent promotion = EventCodec.fromJson(promotions.get(0).value(), PromotionEvent.class);
        assertThat(promotion.checkpointId()).isEqualTo(first.checkpointId());
        assertThat(promotion.previousChampion()).isNull();
        assertThat(promotion.reason()).contains("first champion");
        assertThat(TopicProbe.headers(promotions.get(0))).containsEntry("ce_id", promotion.eventId());

        JsonPath champion = given().get("/students/" + studentId + "/champion").then().statusCode(200).extract()
                .jsonPath();
        assertThat(champion.getString("checkpointId")).isEqualTo(first.checkpointId());
        assertThat(champion.getString("teacherVersion")).isEqualTo("reference@v1");
        assertThat(champion.getList("promotions")).hasSize(1);
        given().get("/students/nobody-" + UUID.randomUUID() + "/champion").then().statusCode(404);

        JsonPath board = given().get("/leaderboard?limit=1000").then().statusCode(200).extract().jsonPath();
        assertThat(board.getString("find { it.checkpointId == '" + first.checkpointId() + "' }.champion"))
                .isEqualTo("true");
        assertThat(board.getString("find { it.checkpointId == '" + second.checkpointId() + "' }.verdict"))
                .isEqualTo("not-better");
        assertThat(board.getString("find { it.checkpointId == '" + second.checkpointId() + "' }.teacherVersion"))
                .isEqualTo("reference@v2");
    }
}
