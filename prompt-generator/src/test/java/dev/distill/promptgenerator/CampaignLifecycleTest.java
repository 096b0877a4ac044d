package dev.distill.promptgenerator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.distill.events.EventCodec;
import dev.distill.events.PromptEvent;
import dev.distill.events.Topics;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import dev.distill.skills.Split;
import dev.distill.testing.DistillTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pause, resume and cancel; a difficulty curriculum. */
@QuarkusTest
@WithTestResource(DistillTestResource.class)
class CampaignLifecycleTest {

    private static final Skill ADDITION = SkillSuite.builtIn().get("addition");

    private static Map<String, Object> campaign(long count, double rate) {
        return new HashMap<>(Map.of("name", "lifecycle", "skills", List.of("addition"), "count", count, "seed", 11,
                "ratePerSecond", rate, "difficulty", 3));
    }

    private static JsonPath post(String id, String action, int status) {
        return given().when().post("/campaigns/" + id + "/" + action).then().statusCode(status).extract().jsonPath();
    }

    @Test
    void aPausedCampaignStopsAndResumesWhereItStopped() throws Exception {
        String id = Campaigns.create(campaign(60, 40));
        Thread.sleep(300);
        assertThat(post(id, "pause", 200).getString("state")).isEqualTo("PAUSED");
        Thread.sleep(300); // the batch in flight settles
        long atPause = Campaigns.get(id).getLong("emittedCount");
        Thread.sleep(700);
        JsonPath paused = Campaigns.get(id);
        assertThat(paused.getLong("emittedCount")).as("nothing is emitted while paused").isEqualTo(atPause).isLessThan(60);
        assertThat(paused.getLong("pendingCount")).isEqualTo(60 - atPause);
        post(id, "pause", 409);

        assertThat(post(id, "resume", 200).getString("state")).isEqualTo("RUNNING");
        JsonPath done = Campaigns.awaitFinished(id, Duration.ofSeconds(30));
        assertThat(done.getString("state")).isEqualTo("COMPLETED");
        assertThat(done.getLong("emittedCount")).isEqualTo(60);
        assertThat(done.getLong("pendingCount")).isZero();
        assertThat(TopicContents.readAll(DistillTestResource.broker().bootstrapServers(), Topics.PROMPTS).stream()
                .filter(r -> r.key().startsWith(id + "-")).map(r -> r.key()).distinct().count()).isEqualTo(60);
        given().when().post("/campaigns/" + id + "/resume").then().statusCode(409)
                .body("error", equalTo("conflict")).body("message", containsString("COMPLETED"));
    }

    @Test
    void aCancelledCampaignEmitsNothingMoreAndCannotBeResumed() throws Exception {
        String id = Campaigns.create(campaign(1000, 20));
        Thread.sleep(300);
        assertThat(post(id, "cancel", 200).getString("state")).isEqualTo("CANCELLED");
        Thread.sleep(300);
        long atCancel = Campaigns.get(id).getLong("emittedCount");
        Thread.sleep(500);
        JsonPath cancelled = Campaigns.get(id);
        assertThat(cancelled.getLong("emittedCount")).isEqualTo(atCancel).isLessThan(1000);
        assertThat(cancelled.getLong("pendingCount")).isZero();
        post(id, "resume", 409);
        post(id, "cancel", 409);
        given().when().post("/campaigns/no-such/pause").then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void aCurriculumRaisesTheDifficultyInStages() throws Exception {
        Map<String, Object> body = campaign(40, 5000);
        body.remove("difficulty");
        body.put("curriculum", List.of(Map.of("difficulty", 1, "share", 1), Map.of("difficulty", 4, "share", 3)));
        String id = Campaigns.create(body);
        JsonPath done = Campaigns.awaitFinished(id, Duration.ofSeconds(30));
        assertThat(done.getList("curriculum.difficulty")).containsExactly(1, 4);
        List<PromptEvent> prompts = TopicContents.readAll(DistillTestResource.broker().bootstrapServers(), Topics.PROMPTS)
                .stream().filter(r -> r.key().startsWith(id + "-")).map(r -> EventCodec.fromJson(r.value(), PromptEvent.class))
                .toList();
        assertThat(prompts).hasSize(40);
        for (PromptEvent prompt : prompts) {
            long index = Long.parseLong(prompt.promptId().substring(id.length() + 1));
            // shares 1:3 over the count of 40: candidates 0..9 at difficulty 1, later ones at 4
            int difficulty = index < 10 ? 1 : 4;
            assertThat(prompt.messages().get(0).content()).as("prompt %d", index)
                    .isEqualTo(ADDITION.generate(Split.TRAIN.seed(11, index), difficulty).prompt());
        }
    }
}
