package dev.distill.curator.messaging;

import dev.distill.curator.config.CuratorConfig;
import dev.distill.curator.dedup.Shingles;
import dev.distill.curator.filter.PromptOf;
import dev.distill.events.EventCodec;
import dev.distill.events.SuitePromptEvent;
import dev.distill.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The word n-grams of every benchmark prompt on the compacted {@code distill.suite-prompts}, read from its beginning
 * by every curator instance (no consumer group: each needs all of it) and followed as suites change; a tombstone
 * withdraws a prompt. {@link #awaitLoaded} returns once what the topic held at startup has been read.
 */
@ApplicationScoped
public class BenchmarkIndex {

    private static final Logger LOG = Logger.getLogger(BenchmarkIndex.class);

    private final String bootstrap;
    private final int ngramWords;
    /** n-gram -> the suite prompts (keys) that contain it; prompt key -> its n-grams (to withdraw them). */
    private final Map<Long, Set<String>> grams = new ConcurrentHashMap<>();
    private final Map<String, long[]> prompts = new HashMap<>();
    private final CountDownLatch loaded = new CountDownLatch(1);
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean stopping;
    private Thread reader;

    public BenchmarkIndex(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, CuratorConfig config) {
        this.bootstrap = bootstrap;
        this.ngramWords = config.decontamination().ngramWords();
    }

    void start(@Observes StartupEvent event) {
        reader = new Thread(this::read, "benchmark-index");
        reader.setDaemon(true);
        reader.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /** The n-grams a prompt text is compared by. */
    public long[] ngrams(String text) {
        return Shingles.of(text, ngramWords);
    }

    /** A benchmark prompt ({@code <suite>/<promptId>}) that has one of the n-grams, if any. */
    public Optional<String> overlapping(long[] ngrams) {
        for (long gram : ngrams) {
            Set<String> keys = grams.get(gram);
            if (keys != null) {
                synchronized (prompts) {
                    if (!keys.isEmpty()) {
                        return Optional.of(keys.iterator().next());
                    }
                }
            }
        }
        return Optional.empty();
    }

    public int size() {
        synchronized (prompts) {
            return prompts.size();
        }
    }

    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"); // the evaluator creates it compacted
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer = c;
            List<TopicPartition> partitions = awaitTopic(c);
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> startEnd = c.endOffsets(partitions);
            while (!stopping) {
                for (ConsumerRecord<String, String> record : c.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                if (loaded.getCount() > 0 && partitions.stream().allMatch(p -> c.position(p) >= startEnd.get(p))) {
                    LOG.infof("benchmark index loaded: %d suite prompts", size());
                    loaded.countDown();
                }
            }
        } catch (WakeupException e) {
            // shutting down
        } catch (RuntimeException e) {
            LOG.errorf(e, "the benchmark index stopped reading %s", Topics.SUITE_PROMPTS);
        }
    }

    /** Waits for the topic to exist; until then there is nothing to decontaminate against, so curation may go on. */
    private List<TopicPartition> awaitTopic(KafkaConsumer<String, String> c) {
        while (!stopping) {
            List<TopicPartition> partitions = Optional.ofNullable(c.listTopics(Duration.ofSeconds(10)).get(Topics.SUITE_PROMPTS))
                    .orElse(List.of()).stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                    .collect(Collectors.toList());
            if (!partitions.isEmpty()) {
                return partitions;
            }
            loaded.countDown();
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WakeupException();
            }
        }
        throw new WakeupException();
    }

    private void apply(ConsumerRecord<String, String> record) {
        synchronized (prompts) {
            long[] previous = record.key() == null ? null : prompts.remove(record.key());
            if (previous != null) {
                for (long gram : previous) {
                    grams.computeIfPresent(gram, (g, keys) -> {
                        keys.remove(record.key());
                        return keys.isEmpty() ? null : keys;
                    });
                }
            }
            if (record.value() == null || record.key() == null) {
                return; // a tombstone withdraws the prompt
            }
            SuitePromptEvent prompt;
            try {
                prompt = EventCodec.fromJson(record.value(), SuitePromptEvent.class);
            } catch (RuntimeException e) {
                LOG.warnf("skipping unreadable suite prompt %s: %s", record.key(), e.getMessage());
                return;
            }
            long[] ngrams = ngrams(PromptOf.text(prompt.messages()));
            prompts.put(record.key(), ngrams);
            for (long gram : ngrams) {
                grams.computeIfAbsent(gram, g -> new HashSet<>()).add(record.key());
            }
        }
    }
}
