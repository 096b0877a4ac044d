package dev.distill.trainer.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A curated sample the trainer has received; the prompt is kept as the event's JSON messages. */
@Entity
@Table(name = "training_sample")
public class TrainingSample extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "sample_id", nullable = false, unique = true)
    public String sampleId;

    @Column(name = "prompt_id", nullable = false)
    public String promptId;

    @Column(name = "teacher_version", nullable = false)
    public String teacherVersion;

    @Column(name = "dataset_version", nullable = false)
    public String datasetVersion;

    @Column(name = "prompt_json", nullable = false)
    public String promptJson;

    @Column(nullable = false)
    public String answer;

    /** The teacher's tokens with their top-k logprobs as JSON, or null when the sample carries none. */
    @Column(name = "tokens_json")
    public String tokensJson;

    @Column(name = "kafka_topic", nullable = false)
    public String kafkaTopic;

    @Column(name = "kafka_partition", nullable = false)
    public int kafkaPartition;

    @Column(name = "kafka_offset", nullable = false)
    public long kafkaOffset;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    public static boolean exists(String sampleId) {
        return count("sampleId", sampleId) > 0;
    }

    /** For each topic-partition, the next offset to read once every sample up to {@code seq} is trained in. */
    @SuppressWarnings("unchecked")
    public static Map<String, Long> nextOffsetsUpTo(long seq) {
        List<Object[]> rows = getEntityManager().createQuery(
                "select s.kafkaTopic, s.kafkaPartition, max(s.kafkaOffset) from TrainingSample s where s.seq <= ?1"
                        + " group by s.kafkaTopic, s.kafkaPartition").setParameter(1, seq).getResultList();
        Map<String, Long> offsets = new TreeMap<>();
        for (Object[] row : rows) {
            offsets.put(row[0] + "-" + row[1], ((Number) row[2]).longValue() + 1);
        }
        return offsets;
    }

    public static List<TrainingSample> after(long seq, int limit) {
        return find("seq > ?1 order by seq", seq).page(0, limit).list();
    }
}
