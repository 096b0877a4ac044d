package dev.distill.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    @Test
    void producesAndConsumesThroughARealBrokerOnLoopback() {
        KafkaBroker broker = DistillTestResource.broker();
        assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(broker.dataDir().toString()).contains("target");

        for (int i = 0; i < 10; i++) {
            TopicProbe.send(broker.bootstrapServers(), "probe.topic", "k" + i, "value-" + i);
        }
        List<ConsumerRecord<String, String>> records = TopicProbe.await(broker.bootstrapServers(), "probe.topic", 10,
                r -> r.value().startsWith("value-"), Duration.ofSeconds(30));

        assertThat(records).extracting(ConsumerRecord::value).contains("value-0", "value-9");
    }
}
