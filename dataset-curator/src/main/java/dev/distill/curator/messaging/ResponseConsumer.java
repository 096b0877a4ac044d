package dev.distill.curator.messaging;

import dev.distill.curator.service.Curator;
import dev.distill.events.EventCodec;
import dev.distill.events.TeacherResponseEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code distill.teacher-responses} a poll at a time and curates each poll's responses as one batch. A record
 * that is not a valid TeacherResponseEvent is dead-lettered, and the rest of its batch curated. Should the batch
 * fail for a reason that does not pass, its responses are curated one by one, and only a response that fails on its
 * own is dead-lettered. The batch's offsets are committed once this returns. Batches are independent of each other,
 * so several are curated at once on the {@code curation} pool.
 */
@ApplicationScoped
public class ResponseConsumer {

    private final Curator curator;
    private final DeadLetters deadLetters;

    public ResponseConsumer(Curator curator, DeadLetters deadLetters) {
        this.curator = curator;
        this.deadLetters = deadLetters;
    }

    @Incoming("teacher-responses")
    @Blocking(value = "curation", ordered = false)
    public void onResponses(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> readable = new ArrayList<>(records.count());
        List<TeacherResponseEvent> responses = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                responses.add(EventCodec.fromJson(record.value(), TeacherResponseEvent.class));
                readable.add(record);
            } catch (RuntimeException e) {
                deadLetters.send(record, e);
            }
        }
        try {
            curator.curate(responses);
        } catch (RuntimeException batchFailure) {
            for (int i = 0; i < responses.size(); i++) {
                try {
                    curator.curate(List.of(responses.get(i)));
                } catch (RuntimeException e) {
                    deadLetters.send(readable.get(i), e);
                }
            }
        }
    }
}
