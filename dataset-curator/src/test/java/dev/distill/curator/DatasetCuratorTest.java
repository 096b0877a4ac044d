package dev.distill.curator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.distill.curator.config.CuratorConfig;
import dev.distill.curator.domain.CuratedSample;
import dev.distill.curator.domain.RejectedSample;
import dev.distill.curator.filter.FilterResult;
import dev.distill.curator.filter.NearDedupFilter;
import dev.distill.curator.filter.NearDedupIndexes;
import dev.distill.curator.filter.StatefulFilter;
import dev.distill.curator.service.SampleBuilder;
import dev.distill.events.ChatMessage;
import dev.distill.events.CuratedSampleEvent;
import dev.distill.events.EventCodec;
import dev.distill.events.RejectedSampleEvent;
import dev.distill.events.TeacherResponseEvent;
import dev.distill.events.Topics;
import dev.distill.testing.DistillTestResource;
import dev.distill.testing.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(DistillTestResource.class)
class DatasetCuratorTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    MeterRegistry registry;

    @Inject
    EntityManager em;

    @Inject
    CuratorConfig config;

    private static String bootstrap() {
        return DistillTestResource.broker().bootstrapServers();
    }

    private static void send(TeacherResponseEvent response) {
        TopicProbe.send(bootstrap(), Topics.TEACHER_RESPONSES, response.promptId(), EventCodec.toJson(response));
    }

    private static ConsumerRecord<String, String> awaitOne(String topic, String promptId) {
        return TopicProbe.await(bootstrap(), topic, 1, r -> promptId.equals(r.key()), WAIT).get(0);
    }

    private static String uniqueVersion() {
        return "v-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void correctAnswerBecomesACuratedSampleEndingInTheAssistantAnswer() {
        TeacherResponseEvent response = Responses.response(uniqueVersion(), "3 + 4 = 7\n#### 7", "stop");
        send(response);

        ConsumerRecord<String, String> record = awaitOne(Topics.SAMPLES_CURATED, response.promptId());
        CuratedSampleEvent sample = EventCodec.fromJson(record.value(), CuratedSampleEvent.class);

        assertThat(sample.promptId()).isEqualTo(response.promptId());
        assertThat(sample.sampleId()).isEqualTo(SampleBuilder.sampleId(response));
        assertThat(sample.datasetVersion()).isEqualTo("reference@" + response.teacher().version());
        assertThat(sample.teacher()).isEqualTo(response.teacher());
        assertThat(sample.messages()).hasSize(3);
        assertThat(sample.messages().subList(0, 2)).isEqualTo(response.messages());
        assertThat(sample.messages().get(2).role()).isEqualTo("assistant");
        assertThat(sample.messages().get(2).content()).isEqualTo("3 + 4 = 7\n#### 7");
        assertThat(sample.tokens()).isEqualTo(Responses.TOKENS);
        assertThat(sample.quality().get("meanLogprob")).isCloseTo(-0.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(sample.skill()).isEqualTo("addition");
        assertThat(sample.split()).isEqualTo("train");
        assertThat(TopicProbe.headers(record))
                .containsEntry("ce_id", "sample:" + sample.sampleId())
                .containsEntry("ce_type", "dev.distill.curated-sample.v1")
                .containsEntry("ce_source", "/distill/dataset-curator")
                .containsEntry("ce_specversion", "1.0");
        assertThat(CuratedSample.count("promptId", response.promptId())).isEqualTo(1);
    }

    @Test
    void wrongFinalAnswerIsRejectedWithExpectedAndGot() {
        TeacherResponseEvent response = Responses.response(uniqueVersion(), "3 + 4 = 8\n#### 8", "stop");
        send(response);

        ConsumerRecord<String, String> record = awaitOne(Topics.SAMPLES_REJECTED, response.promptId());
        RejectedSampleEvent rejection = EventCodec.fromJson(record.value(), RejectedSampleEvent.class);

        assertThat(rejection.filter()).isEqualTo("verification");
        assertThat(rejection.reason()).isEqualTo("wrong-answer");
        assertThat(rejection.detail()).isEqualTo("expected 7, got 8");
        assertThat(rejection.teacher()).isEqualTo(response.teacher());
        assertThat(TopicProbe.headers(record)).containsEntry("ce_type", "dev.distill.rejected-sample.v1");
        RejectedSample row = RejectedSample.<RejectedSample>find("promptId", response.promptId()).singleResult();
        assertThat(row.reason).isEqualTo("wrong-answer");
        assertThat(CuratedSample.count("promptId", response.promptId())).isZero();
    }

    @Test
    void truncatedAnswerIsRejectedEvenWhenItsFinalAnswerIsRight() {
        TeacherResponseEvent response = Responses.response(uniqueVersion(), "3 + 4 = 7\n#### 7", "length");
        send(response);

        RejectedSampleEvent rejection = EventCodec.fromJson(
                awaitOne(Topics.SAMPLES_REJECTED, response.promptId()).value(), RejectedSampleEvent.class);

        assertThat(rejection.filter()).isEqualTo("truncation");
        assertThat(rejection.reason()).isEqualTo("truncated");
    }

    @Test
    void redeliveredResponseIsCuratedOnceStoredOnceAndCountedOnce() {
        String version = uniqueVersion();
        TeacherResponseEvent response = Responses.response(version, "#### 7", "stop");
        send(response);
        awaitOne(Topics.SAMPLES_CURATED, response.promptId());
        await(() -> CuratedSample.<CuratedSample>find("promptId", response.promptId()).firstResultOptional()
                .map(row -> row.publishedAt != null).orElse(false), "the sample marked published");
        double redeliveredBefore = redeliveredCount();

        send(response); // the same record again, as after a consumer crash before its offset commit
        await(() -> redeliveredCount() > redeliveredBefore, "the redelivery processed");

        assertThat(countOnTopic(Topics.SAMPLES_CURATED, r -> response.promptId().equals(r.key()))).isEqualTo(1);
        assertThat(CuratedSample.count("promptId", response.promptId())).isEqualTo(1);
        assertThat(RejectedSample.count("promptId", response.promptId())).isZero();
        JsonPath datasets = given().get("/datasets").then().statusCode(200).extract().jsonPath();
        assertThat(datasets.getInt("find { it.datasetVersion == 'reference@" + version + "' }.curated")).isEqualTo(1);
        assertThat(registry.counter("distill.samples.curated", "dataset", "reference@" + version, "skill", "addition")
                .count()).isEqualTo(1.0);
    }

    /**
     * The curator's in-memory near-dedup index must keep level with rows another replica stores (here a second
     * {@link NearDedupFilter} with its own index, on the same database), and a replica that starts later must read
     * what was stored before it.
     */
    @Test
    void nearDuplicatesAreFoundAcrossReplicasWhoseIndexesAreInMemory() {
        String version = uniqueVersion();
        TeacherResponseEvent first = worded(version, "Explain in a few short sentences why the ocean looks blue on a"
                + " clear summer afternoon but grey under heavy clouds");
        send(first);
        awaitOne(Topics.SAMPLES_CURATED, first.promptId());
        TeacherResponseEvent next = Responses.response(version, "#### 7", "stop");
        send(next);
        awaitOne(Topics.SAMPLES_CURATED, next.promptId()); // this curator's index of the version now holds the first

        NearDedupFilter otherReplica = new NearDedupFilter(em, config,
                new NearDedupIndexes(config, new SimpleMeterRegistry()));
        TeacherResponseEvent firstReworded = worded(version, "Explain in a few short sentences why the sea looks blue"
                + " on a clear summer afternoon but grey under heavy clouds");
        assertThat(checkAndStore(otherReplica, firstReworded).reason()).as("the other replica read the stored sample")
                .isEqualTo("near-duplicate");
        TeacherResponseEvent second = worded(version, "Describe how a honey bee colony chooses a new home when the"
                + " old hive becomes too crowded in late spring");
        assertThat(checkAndStore(otherReplica, second).accepted()).isTrue();

        TeacherResponseEvent secondReworded = worded(version, "Describe how a honey bee colony picks a new home when"
                + " the old hive becomes too crowded in late spring");
        send(secondReworded);
        RejectedSampleEvent rejection = EventCodec.fromJson(
                awaitOne(Topics.SAMPLES_REJECTED, secondReworded.promptId()).value(), RejectedSampleEvent.class);
        assertThat(rejection.reason()).isEqualTo("near-duplicate");
        assertThat(rejection.detail()).contains(second.promptId());
    }

    private FilterResult checkAndStore(NearDedupFilter filter, TeacherResponseEvent response) {
        return QuarkusTransaction.requiringNew().call(() -> {
            StatefulFilter.Batch batch = filter.prepare(List.of(response)).open();
            FilterResult result = batch.check(response);
            if (result.accepted()) {
                batch.accepted(response);
                batch.store();
            }
            return result;
        });
    }

    /** A correct answer to a prompt without numbers. */
    private static TeacherResponseEvent worded(String version, String question) {
        return Responses.response(version, List.of(ChatMessage.user(question)));
    }

    @Test
    void malformedRecordGoesToTheDlqWithTheErrorAndCurationGoesOn() {
        double deadLettersBefore = registry.counter("distill.dead.letters", "topic", Topics.TEACHER_RESPONSES).count();
        String badKey = "bad-" + UUID.randomUUID();
        String bad = "{\"schemaVersion\":1,\"promptId\":\"" + badKey + "\"}";
        TopicProbe.send(bootstrap(), Topics.TEACHER_RESPONSES, badKey, bad);

        ConsumerRecord<String, String> dead = TopicProbe.await(bootstrap(), Topics.dlq(Topics.TEACHER_RESPONSES), 1,
                r -> badKey.equals(r.key()), WAIT).get(0);
        assertThat(dead.value()).isEqualTo(bad);
        Map<String, String> headers = TopicProbe.headers(dead);
        assertThat(headers.get("dead-letter-reason")).contains("TeacherResponseEvent").contains("costUsd");
        assertThat(headers).containsKey("dead-letter-cause-class-name").containsEntry("dead-letter-topic", Topics.TEACHER_RESPONSES);
        assertThat(registry.counter("distill.dead.letters", "topic", Topics.TEACHER_RESPONSES).count()).isEqualTo(deadLettersBefore + 1);

        TeacherResponseEvent good = Responses.response(uniqueVersion(), "#### 7", "stop");
        send(good);
        assertThat(awaitOne(Topics.SAMPLES_CURATED, good.promptId())).isNotNull();
    }

    @Test
    void datasetsReportCountsByReasonAndAcceptanceRateAndHealthIsUp() {
        String version = uniqueVersion();
        List<TeacherResponseEvent> responses = List.of(
                Responses.response(version, "#### 7", "stop"),
                Responses.response(version, "3 + 4 = 7\n#### 7", "stop"),
                Responses.response(version, "#### 12", "stop"),
                Responses.response(version, "I think it is seven.", "stop"),
                Responses.response(version, "", "stop"));
        responses.forEach(DatasetCuratorTest::send);
        TopicProbe.await(bootstrap(), Topics.SAMPLES_REJECTED, 3,
                r -> r.value().contains("\"version\":\"" + version + "\""), WAIT);
        TopicProbe.await(bootstrap(), Topics.SAMPLES_CURATED, 2,
                r -> r.value().contains("\"version\":\"" + version + "\""), WAIT);

        String dataset = "reference@" + version;
        JsonPath datasets = given().get("/datasets").then().statusCode(200).extract().jsonPath();
        String entry = "find { it.datasetVersion == '" + dataset + "' }";
        assertThat(datasets.getInt(entry + ".curated")).isEqualTo(2);
        assertThat(datasets.getInt(entry + ".rejected")).isEqualTo(3);
        assertThat(datasets.getMap(entry + ".rejectedByReason"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("wrong-answer", 1, "no-final-answer", 1, "empty", 1));
        assertThat(datasets.getDouble(entry + ".acceptanceRate")).isEqualTo(0.4);

        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("distill_samples_curated_total{dataset=\"" + dataset + "\",skill=\"addition\"} 2.0"))
                .body(containsString("distill_samples_rejected_total{dataset=\"" + dataset
                        + "\",filter=\"verification\",reason=\"no-final-answer\",skill=\"addition\"} 1.0"))
                .body(containsString("distill_samples_rejected_total{dataset=\"" + dataset
                        + "\",filter=\"structure\",reason=\"empty\",skill=\"addition\"} 1.0"));
    }

    private double redeliveredCount() {
        var counter = registry.find("distill.samples.redelivered").counter();
        return counter == null ? 0 : counter.count();
    }

    private static void await(Supplier<Boolean> condition, String what) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Every record now on the topic (read to its end), counted by the predicate. */
    private static long countOnTopic(String topic, Predicate<ConsumerRecord<String, String>> match) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            Instant deadline = Instant.now().plus(WAIT);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        count++;
                    }
                }
            }
            return count;
        }
    }
}
