package dev.distill.trainer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.events.ChatMessage;
import dev.distill.events.CheckpointEvent;
import dev.distill.events.CuratedSampleEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.PromotionEvent;
import dev.distill.events.TeacherRef;
import dev.distill.events.TeacherVersionEvent;
import dev.distill.events.Topics;
import dev.distill.model.Checkpoints;
import dev.distill.skills.Addition;
import dev.distill.skills.Problem;
import dev.distill.skills.Split;
import dev.distill.testing.DistillTestResource;
import dev.distill.testing.Eventually;
import dev.distill.testing.TopicProbe;
import dev.distill.trainer.domain.CheckpointRecord;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A new teacher version starts a round: training goes on from the champion (not from where it was), with a new
 * step budget and schedule, and the round's checkpoints say which version and which champion they come from.
 */
@QuarkusTest
@WithTestResource(DistillTestResource.class)
class TeacherRoundTest {

    private static void sendSamples(String bootstrap, String version, int count) {
        Addition addition = new Addition();
        TeacherRef teacher = new TeacherRef("reference", "reference-teacher", version);
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Problem problem = addition.generate(Split.TRAIN.seed(version.hashCode(), i), 1);
            CuratedSampleEvent sample = new CuratedSampleEvent(1, version + "-s-" + i, version + "-p-" + i, teacher,
                    List.of(ChatMessage.user(problem.prompt()), ChatMessage.assistant(addition.solve(problem))),
                    List.of(), "addition", "train", Map.of(), "reference@" + version, Instant.now());
            records.add(Map.entry(sample.key(), EventCodec.toJson(sample)));
        }
        TopicProbe.sendAll(bootstrap, Topics.SAMPLES_CURATED, records);
    }

    private static CheckpointEvent checkpointAt(String bootstrap, long step) {
        ConsumerRecord<String, String> record = TopicProbe.await(bootstrap, Topics.CHECKPOINTS, 1,
                r -> EventCodec.fromJson(r.value(), CheckpointEvent.class).step() == step, Duration.ofSeconds(90)).get(0);
        return EventCodec.fromJson(record.value(), CheckpointEvent.class);
    }

    @Test
    void aNewTeacherVersionStartsARoundFromTheChampion() {
        String bootstrap = DistillTestResource.broker().bootstrapServers();
        sendSamples(bootstrap, "v1", 64);
        CheckpointEvent champion = checkpointAt(bootstrap, 10);
        checkpointAt(bootstrap, 20); // the first round's step budget (20 in tests)

        PromotionEvent promotion = new PromotionEvent(PromotionEvent.SCHEMA_VERSION, champion.studentId(),
                champion.checkpointId(), null, "first champion", Instant.now());
        TopicProbe.send(bootstrap, Topics.PROMOTIONS, promotion.key(), EventCodec.toJson(promotion));
        Eventually.await(champion.checkpointId() + " marked promoted", Duration.ofSeconds(60),
                () -> QuarkusTransaction.requiringNew().call(() -> CheckpointRecord
                        .<CheckpointRecord>findById(champion.checkpointId()).promotedAt) != null);

        TeacherVersionEvent v2 = new TeacherVersionEvent(TeacherVersionEvent.SCHEMA_VERSION, "reference",
                "reference-teacher", "v2", Instant.now(), "none", null);
        TopicProbe.send(bootstrap, Topics.TEACHER_VERSIONS, v2.key(), EventCodec.toJson(v2));
        Eventually.await("the round of reference@v2", Duration.ofSeconds(60),
                () -> "reference@v2".equals(given().get("/training").then().statusCode(200).extract().path("round")));
        sendSamples(bootstrap, "v2", 30);

        // the new round has a step budget of its own: 20 more steps, checkpointed at 30 and 40
        CheckpointEvent first = checkpointAt(bootstrap, 30);
        CheckpointEvent last = checkpointAt(bootstrap, 40);
        Map<String, Object> training = Checkpoints.readTraining(Path.of(URI.create(first.uri())));
        assertThat(training).containsEntry("round", "reference@v2").containsEntry("roundFrom", champion.checkpointId());
        assertThat(((Number) training.get("roundStartStep")).longValue()).isEqualTo(20);
        assertThat(last.teacherVersions()).contains("reference@v1");
        CheckpointRecord row = QuarkusTransaction.requiringNew()
                .call(() -> CheckpointRecord.<CheckpointRecord>findById(last.checkpointId()));
        assertThat(row.round).isEqualTo("reference@v2");
        assertThat(row.roundFrom).isEqualTo(champion.checkpointId());
        assertThat(row.roundStartStep).isEqualTo(20);
    }
}
