package dev.distill.local;

import dev.distill.events.BenchmarkEvent;
import dev.distill.events.CheckpointEvent;
import dev.distill.events.CuratedSampleEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.PromptEvent;
import dev.distill.events.RejectedSampleEvent;
import dev.distill.events.TeacherResponseEvent;
import dev.distill.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the pipeline's topics from the beginning, as any outside consumer could, and keeps the counts the
 * demo shows. It reads the events the services publish; it has no other window into them.
 */
public final class PipelineWatcher implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Set<String> prompts = new HashSet<>();
    private final Set<String> responses = new HashSet<>();
    private final Set<String> curated = new HashSet<>();
    private final Map<String, String> rejected = new LinkedHashMap<>();
    private final Map<String, CheckpointEvent> checkpoints = new LinkedHashMap<>();
    private final Map<String, BenchmarkEvent> benchmarks = new LinkedHashMap<>();

    public PipelineWatcher(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "distill-launcher-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.PROMPTS, Topics.TEACHER_RESPONSES, Topics.SAMPLES_CURATED,
                Topics.SAMPLES_REJECTED, Topics.CHECKPOINTS, Topics.BENCHMARKS));
    }

    /** Reads whatever arrived within {@code wait}. */
    public void poll(Duration wait) {
        for (ConsumerRecord<String, String> record : consumer.poll(wait)) {
            try {
                accept(record);
            } catch (RuntimeException e) {
                // a malformed record is the consuming service's business (it goes to the DLQ); the display skips it
            }
        }
    }

    private void accept(ConsumerRecord<String, String> record) {
        switch (record.topic()) {
            case Topics.PROMPTS -> prompts.add(EventCodec.fromJson(record.value(), PromptEvent.class).promptId());
            case Topics.TEACHER_RESPONSES -> responses.add(
                    EventCodec.fromJson(record.value(), TeacherResponseEvent.class).promptId());
            case Topics.SAMPLES_CURATED -> curated.add(
                    EventCodec.fromJson(record.value(), CuratedSampleEvent.class).promptId());
            case Topics.SAMPLES_REJECTED -> {
                RejectedSampleEvent event = EventCodec.fromJson(record.value(), RejectedSampleEvent.class);
                rejected.put(event.promptId(), event.reason());
            }
            case Topics.CHECKPOINTS -> {
                CheckpointEvent event = EventCodec.fromJson(record.value(), CheckpointEvent.class);
                checkpoints.put(event.checkpointId(), event);
            }
            case Topics.BENCHMARKS -> {
                BenchmarkEvent event = EventCodec.fromJson(record.value(), BenchmarkEvent.class);
                benchmarks.put(event.checkpointId(), event);
            }
            default -> { }
        }
    }

    public int prompts() {
        return prompts.size();
    }

    public int responses() {
        return responses.size();
    }

    public int curated() {
        return curated.size();
    }

    public int rejected() {
        return rejected.size();
    }

    /** Rejections by reason. */
    public Map<String, Long> rejectedByReason() {
        Map<String, Long> counts = new TreeMap<>();
        rejected.values().forEach(reason -> counts.merge(reason, 1L, Long::sum));
        return counts;
    }

    public List<CheckpointEvent> checkpoints() {
        return new ArrayList<>(checkpoints.values());
    }

    public List<BenchmarkEvent> benchmarks() {
        return new ArrayList<>(benchmarks.values());
    }

    public CheckpointEvent checkpoint(String id) {
        return checkpoints.get(id);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
