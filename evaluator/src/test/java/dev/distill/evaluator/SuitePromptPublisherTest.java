package dev.distill.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.events.EventCodec;
import dev.distill.events.SuitePromptEvent;
import dev.distill.events.Topics;
import dev.distill.skills.SkillSuite;
import dev.distill.skills.Split;
import dev.distill.testing.DistillTestResource;
import dev.distill.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** The built-in suite's prompts are on the compacted suite topic for the curator to decontaminate against. */
@QuarkusTest
@WithTestResource(DistillTestResource.class)
class SuitePromptPublisherTest {

    @Test
    void theBuiltInSuiteIsPublishedOnACompactedTopic() throws Exception {
        String bootstrap = DistillTestResource.broker().bootstrapServers();
        // %test: 10 prompts each of addition and sorting at difficulty 2, seed 1000
        List<ConsumerRecord<String, String>> records = TopicProbe.await(bootstrap, Topics.SUITE_PROMPTS, 20,
                r -> r.key().startsWith("builtin/"), Duration.ofSeconds(30));
        assertThat(records).hasSize(20);
        String firstAddition = SkillSuite.builtIn().get("addition").generate(Split.EVAL.seed(1000, 0), 2).prompt();
        assertThat(records.stream().map(r -> EventCodec.fromJson(r.value(), SuitePromptEvent.class)))
                .allSatisfy(p -> {
                    assertThat(p.suite()).isEqualTo("builtin");
                    assertThat(p.key()).isEqualTo("builtin/" + p.promptId());
                    assertThat(p.skill()).isIn("addition", "sorting");
                })
                .anySatisfy(p -> assertThat(p.messages().get(0).content()).isEqualTo(firstAddition));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SUITE_PROMPTS);
            Config config = admin.describeConfigs(List.of(topic)).all().get(10, TimeUnit.SECONDS).get(topic);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }
}
