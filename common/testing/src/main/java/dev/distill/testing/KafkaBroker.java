package dev.distill.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

/**
 * A real one-node Apache Kafka broker (KRaft, combined broker and controller) in this JVM, listening on
 * loopback only. Used by the tests and, run as its own process, by the local stack.
 */
public final class KafkaBroker implements AutoCloseable {

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDir;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers, Path dataDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
    }

    /** Starts a broker on free loopback ports with its log under {@code dataDir}. */
    public static KafkaBroker start(Path dataDir) {
        return start(dataDir, freePort(), 1);
    }

    public static KafkaBroker start(Path dataDir, int port, int partitions) {
        return start(dataDir, port, freePort(), partitions);
    }

    /** With the controller's port chosen by the caller, among the other ports it hands out. */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort, int partitions) {
        Path logDir = dataDir.resolve("kafka-logs");
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("num.partitions", Integer.toString(partitions));
        props.put("auto.create.topics.enable", "true");
        // one node: every replication factor and min ISR must be 1
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("offsets.topic.num.partitions", "5");
        props.put("log.cleaner.dedupe.buffer.size", "2097152"); // saves ~130 MB of heap
        props.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        try {
            Files.createDirectories(logDir);
            Path config = dataDir.resolve("server.properties");
            try (Writer out = Files.newBufferedWriter(config)) {
                props.store(out, "one-node KRaft broker for distill");
            }
            if (!Files.exists(logDir.resolve("meta.properties"))) { // formatted before: keep its cluster and data
                format(config);
            }
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
            return new KafkaBroker(server, "127.0.0.1:" + port, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka data directory " + dataDir, e);
        }
    }

    private static void format(Path config) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String clusterId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
        int status;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", config.toString(),
                "--standalone"}, print);
        } catch (Exception e) {
            throw new IllegalStateException("formatting Kafka storage failed: " + e.getMessage(), e);
        }
        if (status != 0) {
            throw new IllegalStateException("formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    /**
     * A loopback port that was free a moment ago, and never handed out before by this JVM: the kernel may offer a
     * port it just gave out again once its probe socket is closed, and a stack's ports are chosen before any of them
     * is bound (a CI run once got the same port for the broker and a service).
     */
    public static int freePort() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on loopback", e);
            }
        }
    }

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
}
