package dev.distill.promptgenerator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.events.Topics;
import dev.distill.testing.DistillTestResource;
import dev.distill.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Emission waits while the gateway's consumer group ({@code gateway-under-test} in tests, max lag 100) is too far
 * behind on distill.prompts, and goes on once it has caught up.
 */
@QuarkusTest
@WithTestResource(DistillTestResource.class)
class LagAwarePacingTest {

    private static final String GROUP = "gateway-under-test";

    @Test
    void emissionWaitsWhileTheGatewayLagsAndResumesWhenItCatchesUp() throws Exception {
        String bootstrap = DistillTestResource.broker().bootstrapServers();
        TopicProbe.sendAll(bootstrap, Topics.PROMPTS, IntStream.range(0, 150).boxed()
                .collect(Collectors.toMap(i -> "lag-filler-" + i, i -> "{}")));
        try {
            commitGroupAt(bootstrap, false); // the gateway has read nothing: lag >= 150
            Map<String, Object> body = new HashMap<>(Map.of("name", "held back", "skills", List.of("addition"),
                    "count", 20, "seed", 1, "ratePerSecond", 1000, "difficulty", 2));
            String id = Campaigns.create(body);
            Thread.sleep(1500);
            JsonPath held = Campaigns.get(id);
            assertThat(held.getLong("emittedCount")).isZero();
            assertThat(held.getBoolean("waitingForLag")).isTrue();
            assertThat(held.getString("state")).isEqualTo("RUNNING");

            commitGroupAt(bootstrap, true); // caught up
            JsonPath done = Campaigns.awaitFinished(id, Duration.ofSeconds(30));
            assertThat(done.getLong("emittedCount")).isEqualTo(20);
            assertThat(done.getBoolean("waitingForLag")).isFalse();
            String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).containsPattern("distill_campaign_lag_wait_seconds_count\\{campaign=\"" + id + "\"} [1-9]");
        } finally {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.deleteConsumerGroups(List.of(GROUP)).all().get(); // an unknown lag holds nothing back
            }
        }
    }

    /** Commits the group's offsets on every partition at the beginning or the end, as a gateway would. */
    private static void commitGroupAt(String bootstrap, boolean end) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PROMPTS, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(Topics.PROMPTS, p.partition())).toList();
            Map<TopicPartition, Long> offsets = end ? consumer.endOffsets(partitions) : consumer.beginningOffsets(partitions);
            consumer.commitSync(offsets.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue()))));
        }
    }
}
