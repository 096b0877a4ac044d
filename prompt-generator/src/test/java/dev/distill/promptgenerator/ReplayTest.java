package dev.distill.promptgenerator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.events.EventCodec;
import dev.distill.events.PromptEvent;
import dev.distill.events.TeacherVersionEvent;
import dev.distill.events.Topics;
import dev.distill.testing.DistillTestResource;
import dev.distill.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A new teacher version re-asks the training prompts of earlier campaigns, by each campaign's policy. */
@QuarkusTest
@WithTestResource(DistillTestResource.class)
class ReplayTest {

    private static String campaign(String name, String split, Map<String, Object> replay) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "skills", List.of("addition", "sorting"),
                "count", 40, "seed", 5, "ratePerSecond", 5000, "difficulty", 3, "split", split));
        if (replay != null) {
            body.put("replay", replay);
        }
        String id = Campaigns.create(body);
        assertThat(Campaigns.awaitFinished(id, Duration.ofSeconds(30)).getString("state")).isEqualTo("COMPLETED");
        return id;
    }

    private static List<PromptEvent> published(String campaignId) {
        return TopicContents.readAll(DistillTestResource.broker().bootstrapServers(), Topics.PROMPTS).stream()
                .filter(r -> r.key().startsWith(campaignId + "-"))
                .map(r -> EventCodec.fromJson(r.value(), PromptEvent.class)).toList();
    }

    @Test
    void aNewVersionReplaysTrainCampaignsByTheirPolicy() throws Exception {
        String followsAnnouncement = campaign("follows", "train", null);
        String sampled = campaign("sampled", "train", Map.of("policy", "sample", "fraction", 0.5));
        String never = campaign("never", "train", Map.of("policy", "none"));
        String eval = campaign("eval", "eval", null);

        TeacherVersionEvent v3 = new TeacherVersionEvent(TeacherVersionEvent.SCHEMA_VERSION, "reference",
                "reference-teacher-v3", "v3-replay", Instant.now(), "all", null);
        String bootstrap = DistillTestResource.broker().bootstrapServers();
        TopicProbe.send(bootstrap, Topics.TEACHER_VERSIONS, v3.key(), EventCodec.toJson(v3));

        List<ConsumerRecord<String, String>> replayed = TopicProbe.await(bootstrap, Topics.PROMPTS, 40,
                r -> r.key().startsWith(followsAnnouncement + "-") && r.value().contains("\"v3-replay\""),
                Duration.ofSeconds(30));
        JsonPath follows = awaitReplayDone(followsAnnouncement);
        assertThat(follows.getString("replays[0].teacherVersion")).isEqualTo("v3-replay");
        assertThat(follows.getString("replays[0].policy")).isEqualTo("all");
        assertThat(follows.getLong("replays[0].emittedCount")).isEqualTo(40);
        Map<String, PromptEvent> originals = published(followsAnnouncement).stream().filter(p -> p.teacherVersion() == null)
                .collect(Collectors.toMap(PromptEvent::promptId, p -> p));
        for (ConsumerRecord<String, String> record : replayed) {
            PromptEvent again = EventCodec.fromJson(record.value(), PromptEvent.class);
            PromptEvent original = originals.get(again.promptId());
            assertThat(again.teacherVersion()).isEqualTo("v3-replay");
            assertThat(again.eventId()).isEqualTo("prompt:" + again.promptId() + "@v3-replay");
            assertThat(again.messages()).isEqualTo(original.messages());
            assertThat(again.reference()).isEqualTo(original.reference());
            assertThat(again.split()).isEqualTo("train");
        }

        JsonPath sample = awaitReplayDone(sampled);
        long sampledCount = sample.getLong("replays[0].emittedCount");
        assertThat(sample.getLong("replays[0].considered")).isEqualTo(40);
        assertThat(sampledCount).as("about half of 40").isBetween(8L, 32L);
        assertThat(published(sampled).stream().filter(p -> "v3-replay".equals(p.teacherVersion()))).hasSize((int) sampledCount);

        assertThat(Campaigns.get(never).getList("replays")).isEmpty();
        assertThat(Campaigns.get(eval).getList("replays")).isEmpty();
        assertThat(published(never)).allMatch(p -> p.teacherVersion() == null);
        assertThat(published(eval)).allMatch(p -> p.teacherVersion() == null);

        // the announcement delivered again changes nothing
        TopicProbe.send(bootstrap, Topics.TEACHER_VERSIONS, v3.key(), EventCodec.toJson(v3));
        Thread.sleep(1500);
        assertThat(published(followsAnnouncement).stream().filter(p -> p.teacherVersion() != null)).hasSize(40);
        Set<String> ids = published(sampled).stream().filter(p -> p.teacherVersion() != null).map(PromptEvent::promptId)
                .collect(Collectors.toSet());
        assertThat(ids).hasSize((int) sampledCount);
    }

    private static JsonPath awaitReplayDone(String campaignId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonPath campaign = Campaigns.get(campaignId);
            if ("COMPLETED".equals(campaign.getString("replays[0].state"))) {
                return campaign;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("replay of " + campaignId + " not completed: " + campaign.prettify());
            }
            Thread.sleep(100);
        }
    }
}
