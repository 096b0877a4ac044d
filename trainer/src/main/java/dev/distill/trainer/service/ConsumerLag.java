package dev.distill.trainer.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code distill_trainer_consumer_lag}: curated samples on the topic that are not stored yet, the sum over partitions
 * of the end offset minus the trainer group's committed offset. The consumer acknowledges a sample only once it is in
 * PostgreSQL and commits acknowledged offsets every few seconds, so the lag may count a few seconds' worth of samples
 * already stored. A partition the group has not committed on counts from its earliest offset, where it starts.
 * Measured on its own thread every {@value #REFRESH_SECONDS} s, so neither training nor a scrape waits on the broker;
 * NaN while the broker does not answer.
 */
@ApplicationScoped
public class ConsumerLag {

    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);
    private static final long REFRESH_SECONDS = 5;
    private static final long TIMEOUT_SECONDS = 10;

    private final String bootstrap;
    private final String topic;
    private final String group;
    private volatile double lag = Double.NaN;
    private ScheduledExecutorService refresher;
    /** Used by the refresher thread, and closed once it has ended. */
    private Admin admin;
    private boolean failing;

    public ConsumerLag(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "mp.messaging.incoming.curated.topic") String topic,
            @ConfigProperty(name = "mp.messaging.incoming.curated.group.id") String group, MeterRegistry registry) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.group = group;
        registry.gauge("distill_trainer_consumer_lag", this, ConsumerLag::lag);
    }

    void start(@Observes StartupEvent event) {
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "consumer-lag");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (refresher == null) {
            return;
        }
        refresher.shutdownNow();
        if (refresher.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS) && admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }

    double lag() {
        return lag;
    }

    /** Runs on the refresher thread only. */
    private void refresh() {
        try {
            lag = measure();
            failing = false;
        } catch (Exception e) {
            if (!failing) { // once per outage, not every few seconds
                LOG.warnf("cannot measure the lag of group %s on %s: %s", group, topic, e);
            }
            failing = true;
            lag = Double.NaN;
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private long measure() throws Exception {
        Set<TopicPartition> partitions;
        try {
            partitions = admin().describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toSet());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0; // nothing has been curated yet
            }
            throw e;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(partitions, OffsetSpec.earliest());
        long total = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata commit = committed.get(partition);
            long consumed = Math.max(starts.get(partition).offset(), commit == null ? 0 : commit.offset());
            total += Math.max(0, ends.get(partition).offset() - consumed);
        }
        return total;
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(Set<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        return admin().listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private Admin admin() {
        if (admin == null) {
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            int timeoutMs = (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS);
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
            admin = Admin.create(props);
        }
        return admin;
    }
}
