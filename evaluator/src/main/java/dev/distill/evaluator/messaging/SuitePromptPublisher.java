package dev.distill.evaluator.messaging;

import dev.distill.evaluator.service.EvalSuite;
import dev.distill.evaluator.service.Suites;
import dev.distill.events.ChatMessage;
import dev.distill.events.DistillEvent;
import dev.distill.events.SuitePromptEvent;
import dev.distill.events.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Publishes the prompts of every suite the evaluator scores against to the compacted {@code distill.suite-prompts},
 * so that the curator can keep them out of training data: all suites at startup (again: the topic keeps the latest of
 * each key, so this heals a registration whose publication was cut short), a custom suite when it is registered, and
 * tombstones for its prompts when it is deleted. The topic is created compacted first (an auto-created topic would
 * not be). Keys are {@code <suite>/<promptId>}, values SuitePromptEvents, as the curator's BenchmarkIndex reads them.
 */
@ApplicationScoped
public class SuitePromptPublisher {

    private static final Logger LOG = Logger.getLogger(SuitePromptPublisher.class);

    private final Emitter<Record<String, DistillEvent>> emitter;
    private final Suites suites;
    private final String bootstrap;

    public SuitePromptPublisher(@Channel("suite-prompts") Emitter<Record<String, DistillEvent>> emitter,
            Suites suites, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.emitter = emitter;
        this.suites = suites;
        this.bootstrap = bootstrap;
    }

    void onStart(@Observes StartupEvent event) throws Exception {
        ensureCompactedTopic();
        suites.all().forEach(this::publish);
    }

    /** Every prompt of the suite, keyed {@code <suite>/<promptId>}; returns once the broker acknowledged them all. */
    public void publish(EvalSuite suite) {
        Instant now = Instant.now();
        CompletableFuture<?>[] acks = suite.items().stream()
                .map(item -> new SuitePromptEvent(SuitePromptEvent.SCHEMA_VERSION, suite.name(), item.promptId(),
                        item.skill(), List.of(ChatMessage.user(item.prompt())), now))
                .map(prompt -> emitter.send(Record.<String, DistillEvent>of(prompt.key(), prompt)).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(acks).join();
        LOG.infof("published %d prompts of suite %s to %s", acks.length, suite.name(), Topics.SUITE_PROMPTS);
    }

    /** A tombstone for every prompt of the suite (the curator stops decontaminating against them); returns once acked. */
    public void withdraw(EvalSuite suite) {
        CompletableFuture<?>[] acks = suite.items().stream()
                .map(item -> emitter.send(Record.<String, DistillEvent>of(
                        SuitePromptEvent.keyOf(suite.name(), item.promptId()), null)).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(acks).join();
        LOG.infof("withdrew %d prompts of suite %s from %s", acks.length, suite.name(), Topics.SUITE_PROMPTS);
    }

    private void ensureCompactedTopic() throws InterruptedException, java.util.concurrent.TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            NewTopic topic = new NewTopic(Topics.SUITE_PROMPTS, 1, (short) -1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + Topics.SUITE_PROMPTS + ": " + e.getCause(), e.getCause());
            }
        }
    }
}
