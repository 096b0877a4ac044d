package dev.distill.promptgenerator.messaging;

import dev.distill.events.Topics;
import dev.distill.promptgenerator.config.GeneratorConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * How far the gateway's consumer group is behind on {@code distill.prompts}: the sum over partitions of end offset
 * minus committed offset. Measured at most once per check interval, however many campaigns ask.
 */
@ApplicationScoped
public class ConsumerGroupLag {

    private static final Logger LOG = Logger.getLogger(ConsumerGroupLag.class);

    private final String bootstrap;
    private final GeneratorConfig.Pacing config;
    private Admin admin;
    private long measuredAtNanos;
    private OptionalLong lastLag = OptionalLong.empty();
    private boolean failing;

    public ConsumerGroupLag(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, GeneratorConfig config) {
        this.bootstrap = bootstrap;
        this.config = config.pacing();
    }

    /** The lag, or empty when it is unknown: the group has committed nothing yet, or the broker did not answer. */
    public synchronized OptionalLong lag() {
        long now = System.nanoTime();
        if (measuredAtNanos != 0 && now - measuredAtNanos < config.checkInterval().toNanos()) {
            return lastLag;
        }
        measuredAtNanos = now;
        try {
            lastLag = measure(config.consumerGroup());
            failing = false;
        } catch (Exception e) {
            if (!failing) { // once per outage, not once per check
                LOG.warnf("cannot measure the lag of %s, not holding emission back: %s", config.consumerGroup(), e);
            }
            failing = true;
            lastLag = OptionalLong.empty();
        }
        return lastLag;
    }

    OptionalLong measure(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).entrySet().stream()
                .filter(e -> e.getKey().topic().equals(Topics.PROMPTS) && e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (committed.isEmpty()) {
            return OptionalLong.empty();
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin()
                .listOffsets(committed.keySet().stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
            lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
        }
        return OptionalLong.of(lag);
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
            admin = Admin.create(props);
        }
        return admin;
    }

    synchronized void close(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close();
        }
    }
}
