package dev.distill.evaluator.messaging;

import dev.distill.evaluator.service.BenchmarkService;
import dev.distill.events.CheckpointEvent;
import dev.distill.events.EventCodec;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Scores the checkpoints announced on {@code distill.checkpoints}, a poll at a time. Checkpoints that arrived while
 * an earlier one was being scored wait in the consumer, not in memory here; of a poll, only each student's newest
 * checkpoint is scored and the older ones are recorded as skipped, so the evaluator keeps up however fast the
 * trainer writes. A record that is not a CheckpointEvent goes to the DLQ with the reason.
 */
@ApplicationScoped
public class CheckpointConsumer {

    private static final Comparator<CheckpointEvent> NEWER = Comparator.comparingLong(CheckpointEvent::step)
            .thenComparing(CheckpointEvent::createdAt);

    private final BenchmarkService benchmarks;
    private final DeadLetters deadLetters;

    public CheckpointConsumer(BenchmarkService benchmarks, DeadLetters deadLetters) {
        this.benchmarks = benchmarks;
        this.deadLetters = deadLetters;
    }

    @Incoming("checkpoints")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        Map<String, CheckpointEvent> newest = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            CheckpointEvent checkpoint;
            try {
                checkpoint = EventCodec.fromJson(record.value(), CheckpointEvent.class);
            } catch (RuntimeException e) {
                deadLetters.send(record, e);
                continue;
            }
            CheckpointEvent current = newest.get(checkpoint.studentId());
            if (current == null || NEWER.compare(checkpoint, current) >= 0) {
                newest.put(checkpoint.studentId(), checkpoint);
                if (current != null && !current.checkpointId().equals(checkpoint.checkpointId())) {
                    benchmarks.skip(current, checkpoint);
                }
            } else {
                benchmarks.skip(checkpoint, current);
            }
        }
        newest.values().forEach(benchmarks::evaluate);
    }
}
