package dev.distill.promptgenerator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.events.PromptEvent;
import dev.distill.events.Sampling;
import dev.distill.events.Topics;
import dev.distill.promptgenerator.messaging.PromptPublisher;
import dev.distill.promptgenerator.service.CampaignService;
import dev.distill.promptgenerator.service.CampaignSpec;
import dev.distill.promptgenerator.service.Curriculum;
import dev.distill.promptgenerator.service.EmissionJob;
import dev.distill.promptgenerator.service.EmissionJobs;
import dev.distill.promptgenerator.service.EmissionWorker;
import dev.distill.skills.Split;
import dev.distill.testing.DistillTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A generator that died between staging prompts in the ledger and hearing the broker's acks: some of the batch
 * reached the topic, some did not. On start the campaign settles the batch through the topic and goes on, and every
 * prompt is on the topic exactly once.
 */
@QuarkusTest
@WithTestResource(DistillTestResource.class)
class LedgerRecoveryTest {

    @Inject
    CampaignService campaigns;

    @Inject
    EmissionJobs jobs;

    @Inject
    PromptPublisher publisher;

    @Inject
    EmissionWorker worker;

    @Test
    void aBatchCutShortByACrashIsCompletedWithoutSendingAnythingTwice() throws Exception {
        String id = campaigns.create(CampaignSpec.skills("interrupted", Map.of("addition", 1.0), Curriculum.fixed(3), 40,
                3, 5000, Split.TRAIN, new Sampling(0.0, 128, 2))).id;
        EmissionJob job = jobs.campaign(id).orElseThrow();
        List<PromptEvent> first = job.stageNext(10).events();
        publisher.publishAndAwait(first);
        job.acked(first); // a batch that went through
        List<PromptEvent> cut = job.stageNext(12).events();
        assertThat(cut).hasSize(12);
        publisher.publishAndAwait(cut.subList(0, 5)); // ... and the process died before the rest was sent or acked
        assertThat(Campaigns.get(id).getLong("emittedCount")).isEqualTo(10);

        assertThat(worker.resumeRunning()).isGreaterThanOrEqualTo(1); // what a restart does
        JsonPath finished = Campaigns.awaitFinished(id, Duration.ofSeconds(30));
        assertThat(finished.getString("state")).isEqualTo("COMPLETED");
        assertThat(finished.getLong("emittedCount")).isEqualTo(40);

        List<ConsumerRecord<String, String>> records = TopicContents.readAll(DistillTestResource.broker().bootstrapServers(),
                Topics.PROMPTS).stream().filter(r -> r.key().startsWith(id + "-")).toList();
        Map<String, Long> copies = records.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        assertThat(copies).hasSize(40);
        assertThat(copies.values()).allMatch(n -> n == 1);
        assertThat(copies.keySet()).containsAll(cut.stream().map(PromptEvent::promptId).toList());
        assertThat(worker.resumeRunning()).as("a completed campaign is not resumed").isZero();
    }
}
