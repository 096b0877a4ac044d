package dev.distill.local;

import dev.distill.events.BenchmarkEvent;
import dev.distill.events.CheckpointEvent;
import dev.distill.events.CuratedSampleEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.PromotionEvent;
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
    /** Keyed by promptId@teacherVersion: a prompt replayed to a new teacher version is answered once per version. */
    private final Set<String> responses = new HashSet<>();
    private final Set<String> curated = new HashSet<>();
    private final Map<String, String> rejected = new LinkedHashMap<>();
    /** Per teacher version (in the order they first answered): answers, verified ones and the teacher's latency. */
    private final Map<String, VersionCounts> versions = new LinkedHashMap<>();
    private final Map<String, CheckpointEvent> checkpoints = new LinkedHashMap<>();
    /** Benchmarks on the built-in suite, the one the promotion gate uses. */
    private final Map<String, BenchmarkEvent> benchmarks = new LinkedHashMap<>();
    private final List<PromotionEvent> promotions = new ArrayList<>();

    /** Filters that judge the prompt, not the teacher's answer: their rejections say nothing of the teacher. */
    private static final Set<String> PROMPT_FILTERS = Set.of("decontamination", "exact-dedup", "near-dedup");

    /** One teacher version's answers as the pipeline saw them. */
    public static final class VersionCounts {
        private final Set<String> answered = new HashSet<>();
        private final Set<String> verified = new HashSet<>();
        private final Set<String> promptRejected = new HashSet<>();
        private long latencyMsTotal;

        public int answered() {
            return answered.size();
        }

        /**
         * The fraction of this version's answers the curator kept, of those it judged on the answer: prompts turned
         * down for themselves (a benchmark overlap, a duplicate) are left out.
         */
        public double accuracy() {
            int judged = answered.size() - promptRejected.size();
            return judged <= 0 ? 0 : (double) verified.size() / judged;
        }

        public double meanLatencyMs() {
            return answered.isEmpty() ? 0 : (double) latencyMsTotal / answered.size();
        }
    }

    /** The evaluator's built-in suite; custom suites are scored too, but the demo follows the gate's suite. */
    static final String BUILTIN_SUITE = "builtin";

    public PipelineWatcher(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "distill-launcher-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.PROMPTS, Topics.TEACHER_RESPONSES, Topics.SAMPLES_CURATED,
                Topics.SAMPLES_REJECTED, Topics.CHECKPOINTS, Topics.BENCHMARKS, Topics.PROMOTIONS));
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
            case Topics.TEACHER_RESPONSES -> {
                TeacherResponseEvent event = EventCodec.fromJson(record.value(), TeacherResponseEvent.class);
                String version = event.teacher().qualifiedVersion();
                if (responses.add(event.promptId() + "@" + version)) {
                    VersionCounts counts = versions.computeIfAbsent(version, v -> new VersionCounts());
                    counts.answered.add(event.promptId());
                    counts.latencyMsTotal += event.latencyMs();
                }
            }
            case Topics.SAMPLES_CURATED -> {
                CuratedSampleEvent event = EventCodec.fromJson(record.value(), CuratedSampleEvent.class);
                String version = event.teacher().qualifiedVersion();
                curated.add(event.promptId() + "@" + version);
                versions.computeIfAbsent(version, v -> new VersionCounts()).verified.add(event.promptId());
            }
            case Topics.SAMPLES_REJECTED -> {
                RejectedSampleEvent event = EventCodec.fromJson(record.value(), RejectedSampleEvent.class);
                String version = event.teacher().qualifiedVersion();
                rejected.put(event.promptId() + "@" + version, event.reason());
                if (PROMPT_FILTERS.contains(event.filter())) {
                    versions.computeIfAbsent(version, v -> new VersionCounts()).promptRejected.add(event.promptId());
                }
            }
            case Topics.CHECKPOINTS -> {
                CheckpointEvent event = EventCodec.fromJson(record.value(), CheckpointEvent.class);
                checkpoints.put(event.checkpointId(), event);
            }
            case Topics.BENCHMARKS -> {
                BenchmarkEvent event = EventCodec.fromJson(record.value(), BenchmarkEvent.class);
                if (BUILTIN_SUITE.equals(event.suite())) {
                    benchmarks.put(event.checkpointId(), event);
                }
            }
            case Topics.PROMOTIONS -> promotions.add(EventCodec.fromJson(record.value(), PromotionEvent.class));
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

    /** Every teacher version that answered, in the order they first did. */
    public Map<String, VersionCounts> versions() {
        return new LinkedHashMap<>(versions);
    }

    public List<PromotionEvent> promotions() {
        return new ArrayList<>(promotions);
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
