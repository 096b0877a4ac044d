package dev.distill.promptgenerator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.events.EventCodec;
import dev.distill.events.PromptEvent;
import dev.distill.events.Sampling;
import dev.distill.events.Topics;
import dev.distill.promptgenerator.service.CampaignLedger;
import dev.distill.promptgenerator.service.CampaignService;
import dev.distill.promptgenerator.service.CampaignSpec;
import dev.distill.promptgenerator.service.EmissionWorker;
import dev.distill.promptgenerator.service.PlannedPrompt;
import dev.distill.promptgenerator.service.PromptFactory;
import dev.distill.skills.SkillSuite;
import dev.distill.skills.Split;
import dev.distill.testing.DistillTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** A generator that stopped mid-campaign continues from its ledger on start, without re-sending recorded prompts. */
@QuarkusTest
@WithTestResource(DistillTestResource.class)
class CampaignResumeTest {

    @Inject
    CampaignService campaigns;

    @Inject
    CampaignLedger ledger;

    @Inject
    EmissionWorker worker;

    @Test
    void runningCampaignResumesAfterItsLedger() throws Exception {
        // as left by a process that stopped after 12 of 40 prompts: committed RUNNING, ledger holds 0..11
        String id = campaigns.create(new CampaignSpec("interrupted", Map.of("addition", 1.0), 40, 3, 5000, 1,
                Split.TRAIN, new Sampling(0.0, 128, 2))).id;
        PromptFactory factory = new PromptFactory(SkillSuite.builtIn());
        List<PlannedPrompt> done = LongStream.range(0, 12)
                .mapToObj(i -> factory.prompt(ledger.plan(id), i, Instant.now())).toList();
        assertThat(ledger.record(id, done)).isEqualTo(12);
        assertThat(ledger.record(id, done.subList(0, 3))).as("re-recording is harmless").isEqualTo(12);
        assertThat(ledger.nextIndex(id)).isEqualTo(12);

        assertThat(worker.resumeRunning()).isGreaterThanOrEqualTo(1); // "on startup"
        JsonPath finished = Campaigns.awaitFinished(id, Duration.ofSeconds(30));
        assertThat(finished.getString("state")).isEqualTo("COMPLETED");
        assertThat(finished.getLong("emittedCount")).isEqualTo(40);

        List<Long> published = TopicContents.readAll(DistillTestResource.broker().bootstrapServers(), Topics.PROMPTS)
                .stream().filter(r -> r.key().startsWith(id + "-"))
                .map(r -> EventCodec.fromJson(r.value(), PromptEvent.class))
                .map(e -> Long.parseLong(e.promptId().substring(id.length() + 1)))
                .sorted().toList();
        assertThat(published).containsExactlyElementsOf(LongStream.range(12, 40).boxed().toList());
        assertThat(worker.resumeRunning()).as("a completed campaign is not resumed").isZero();
    }
}
