package dev.distill.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * Points a Quarkus service under test at real infrastructure: one in-process Kafka broker per test JVM
 * (started on first use, stopped when the JVM exits) and the {@value #DATABASE} database on the machine's
 * PostgreSQL. Use with {@code @QuarkusTestResource(DistillTestResource.class)} or {@code @WithTestResource}.
 */
public class DistillTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "distill_test";

    private static KafkaBroker broker;

    public static synchronized KafkaBroker broker() {
        if (broker == null) {
            Path dir = Path.of("target", "kafka-" + ProcessHandle.current().pid()).toAbsolutePath();
            broker = KafkaBroker.start(dir);
            KafkaBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "kafka-broker-shutdown"));
        }
        return broker;
    }

    @Override
    public Map<String, String> start() {
        PostgresDatabases.ensureExists(DATABASE);
        return Map.of(
                "kafka.bootstrap.servers", broker().bootstrapServers(),
                "quarkus.datasource.jdbc.url", PostgresDatabases.jdbcUrl(DATABASE));
    }

    @Override
    public void stop() {
        // the broker outlives one test class: it is shared by every test of this JVM
    }
}
