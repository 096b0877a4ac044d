package dev.distill.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.distill.events.EventCodec;
import dev.distill.testing.KafkaBroker;
import dev.distill.testing.PostgresDatabases;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The whole platform on this machine, each part its own process: the Kafka broker, the reference teacher and
 * the five services, against the machine's PostgreSQL. {@link #close()} stops them all, in reverse order.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final StackOptions options;
    private final List<ManagedProcess> processes = new ArrayList<>();
    private final Map<String, Integer> servicePorts = new LinkedHashMap<>();
    private final Map<String, List<String>> serviceCommands = new LinkedHashMap<>();
    private String bootstrap;
    private Integer prometheusPort;

    private LocalStack(StackOptions options) {
        this.options = options;
    }

    public static LocalStack start(StackOptions options, ProgressLog out) {
        LocalStack stack = new LocalStack(options);
        try {
            stack.startAll(out);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(ProgressLog out) {
        StackPorts ports = options.ports();
        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put("kafka", ports.kafka());
        wanted.put("reference-teacher", ports.referenceTeacher());
        wanted.put("prompt-generator", ports.promptGenerator());
        wanted.put("teacher-gateway", ports.teacherGateway());
        wanted.put("dataset-curator", ports.datasetCurator());
        wanted.put("trainer", ports.trainer());
        wanted.put("evaluator", ports.evaluator());
        wanted.keySet().removeIf(name -> !name.equals("kafka") && !options.services().contains(name));
        wanted.forEach(LocalStack::requireFreePort);
        requirePackaged();

        try {
            if (options.freshState()) {
                PostgresDatabases.recreate(options.database());
                deleteRecursively(options.workDir());
            } else {
                PostgresDatabases.ensureExists(options.database());
            }
            Files.createDirectories(options.workDir());
            Files.deleteIfExists(stackFile()); // a stale file would point at a stack that is not running
        } catch (IllegalStateException e) {
            throw new StackFailure(e.getMessage(), e);
        } catch (IOException e) {
            throw new StackFailure("cannot prepare " + options.workDir() + ": " + e.getMessage(), e);
        }

        out.info("starting Kafka broker on 127.0.0.1:" + ports.kafka());
        ManagedProcess broker = ManagedProcess.start("kafka", List.of(java(), "-Xmx512m",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp", launcherClasspath(),
                BrokerMain.class.getName(), options.workDir().resolve("kafka").toString(),
                Integer.toString(ports.kafka()), Integer.toString(options.partitions()),
                // chosen here with the stack's other ports, so that it can be none of them
                Integer.toString(KafkaBroker.freePort())), options.repoRoot(),
                logOf("kafka"));
        processes.add(broker);
        broker.awaitLogLine("READY ", START_TIMEOUT);
        bootstrap = "127.0.0.1:" + ports.kafka();

        Map<String, ManagedProcess> services = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> service : wanted.entrySet()) {
            if (!service.getKey().equals("kafka")) {
                services.put(service.getKey(), startService(service.getKey(), service.getKey(), service.getValue(),
                        Map.of()));
            }
        }
        out.info("starting " + String.join(", ", services.keySet()) + " (logs in " + options.workDir().resolve("logs") + ")");
        services.forEach((name, process) -> {
            process.awaitHttpOk(url(name) + "/q/health/ready", START_TIMEOUT);
            out.info("  " + name + " ready at " + url(name));
        });
        if (options.monitoring().enabled()) {
            out.info("starting Prometheus (scraping every " + options.monitoring().scrapeInterval().toSeconds() + " s)");
            prometheusPort = LocalPrometheus.start(options, servicePorts, logOf("prometheus"), this::track);
            out.info("  prometheus ready at " + prometheusUrl().orElseThrow());
        }
        writeStackFile();
    }

    /** The URL of the stack's Prometheus, when it runs with {@link Monitoring}. */
    public java.util.Optional<String> prometheusUrl() {
        return java.util.Optional.ofNullable(prometheusPort).map(port -> "http://127.0.0.1:" + port);
    }

    /**
     * Starts a second instance of a running service as process {@code name}, on a free port, with the service's
     * properties (so the same consumer group and database), and waits until it is ready. {@link #url}, {@link #process},
     * {@link #kill} and {@link #restart} then take {@code name}.
     */
    public void startExtra(String service, String name) {
        startExtra(service, name, Map.of());
    }

    /** As {@link #startExtra(String, String)}, with {@code overrides} replacing some of the service's properties. */
    public void startExtra(String service, String name, Map<String, String> overrides) {
        if (!serviceCommands.containsKey(service)) {
            throw new IllegalArgumentException("no service " + service + " runs in this stack");
        }
        if (servicePorts.containsKey(name)) {
            throw new IllegalArgumentException("a process " + name + " runs already");
        }
        ManagedProcess process = startService(service, name, KafkaBroker.freePort(), overrides);
        process.awaitHttpOk(url(name) + "/q/health/ready", START_TIMEOUT);
        writeStackFile();
    }

    /** The service's application as process {@code name} (its own name, or an extra instance's). */
    private ManagedProcess startService(String service, String name, int port, Map<String, String> overrides) {
        servicePorts.put(name, port);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.http.port", Integer.toString(port));
        props.put("quarkus.http.host", "127.0.0.1");
        props.put("kafka.bootstrap.servers", bootstrap);
        props.put("quarkus.datasource.jdbc.url", PostgresDatabases.jdbcUrl(options.database()));
        props.put("quarkus.datasource.username", PostgresDatabases.user());
        props.put("teacher.version", options.teacherVersion());
        props.put("distill.teacher.base-url", "http://127.0.0.1:" + options.ports().referenceTeacher());
        props.put("distill.teacher.version", options.teacherVersion());
        // the evaluator asks the teacher its baseline through the gateway, as any client would
        props.put("distill.evaluator.teacher.url", "http://127.0.0.1:" + options.ports().teacherGateway());
        props.put("distill.trainer.checkpoint-dir", options.workDir().resolve("checkpoints").toString());
        props.put("ai.djl.offline", "true");
        props.put("DJL_CACHE_DIR", options.repoRoot().resolve("target/djl-cache").toString());
        props.putAll(options.propsFor(service));
        props.putAll(overrides);

        List<String> command = new ArrayList<>();
        command.add(java());
        // the curator holds its datasets' near-dedup bucket keys in memory (about 300 MB per million samples)
        command.add(Set.of("trainer", "evaluator", "dataset-curator").contains(service) ? "-Xmx1g" : "-Xmx384m");
        props.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(applicationJar(service).toString());
        serviceCommands.put(name, List.copyOf(command));
        return track(ManagedProcess.start(name, command, options.repoRoot(), logOf(name)));
    }

    /** SIGKILLs the service, as a crash would, and waits until it has exited. */
    public void kill(String service) {
        process(service).kill();
    }

    /**
     * Starts the service again on its port with the same properties and waits until it is ready. The previous
     * process's log is kept beside the new one as {@code <service>.log.previous}.
     */
    public void restart(String service) {
        ManagedProcess old = process(service);
        old.kill();
        try {
            Files.move(logOf(service), logOf(service).resolveSibling(service + ".log.previous"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StackFailure("cannot keep " + logOf(service) + ": " + e.getMessage(), e);
        }
        ManagedProcess fresh = ManagedProcess.start(service, serviceCommands.get(service), options.repoRoot(), logOf(service));
        synchronized (this) {
            processes.set(processes.indexOf(old), fresh);
        }
        fresh.awaitHttpOk(url(service) + "/q/health/ready", START_TIMEOUT);
    }

    /** The running process of a service (or of "kafka"). */
    public synchronized ManagedProcess process(String service) {
        return processes.stream().filter(p -> p.name().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no process " + service));
    }

    private synchronized ManagedProcess track(ManagedProcess process) {
        processes.add(process);
        return process;
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    public String url(String service) {
        Integer port = servicePorts.get(service);
        if (port == null) {
            throw new IllegalArgumentException("no service " + service);
        }
        return "http://127.0.0.1:" + port;
    }

    public Path workDir() {
        return options.workDir();
    }

    public Map<String, Integer> servicePorts() {
        return Map.copyOf(servicePorts);
    }

    /** The first process that has died, if any: a stack is only healthy while all of them run. */
    public java.util.Optional<ManagedProcess> deadProcess() {
        return processes.stream().filter(p -> !p.isAlive()).findFirst();
    }

    private void writeStackFile() {
        ObjectNode root = EventCodec.mapper().createObjectNode();
        root.put("startedAt", Instant.now().toString());
        root.put("kafkaBootstrap", bootstrap);
        root.put("database", PostgresDatabases.jdbcUrl(options.database()));
        ObjectNode services = root.putObject("services");
        servicePorts.forEach((name, port) -> services.putObject(name)
                .put("url", url(name))
                .put("health", url(name) + "/q/health")
                .put("metrics", url(name) + "/q/metrics")
                .put("openapi", url(name) + "/q/openapi")
                .put("log", logOf(name).toString()));
        prometheusUrl().ifPresent(url -> root.putObject("prometheus").put("url", url)
                .put("config", options.workDir().resolve("prometheus/prometheus.yml").toString())
                .put("log", logOf("prometheus").toString()));
        try {
            Files.writeString(stackFile(), EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw new StackFailure("cannot write " + stackFile() + ": " + e.getMessage(), e);
        }
    }

    public Path stackFile() {
        return options.workDir().resolve("stack.json");
    }

    /** True until {@link #close()}: the shutdown hook uses it to stay quiet after a normal end. */
    public synchronized boolean isRunning() {
        return !processes.isEmpty();
    }

    @Override
    public synchronized void close() {
        List<ManagedProcess> reversed = new ArrayList<>(processes);
        java.util.Collections.reverse(reversed);
        // services first, all at once, then the broker they were talking to
        reversed.stream().filter(p -> !p.name().equals("kafka")).parallel().forEach(ManagedProcess::stop);
        reversed.stream().filter(p -> p.name().equals("kafka")).forEach(ManagedProcess::stop);
        processes.clear();
    }

    private Path logOf(String name) {
        return options.workDir().resolve("logs").resolve(name + ".log");
    }

    private Path applicationJar(String service) {
        String module = service.equals("reference-teacher") ? "deploy/reference-teacher" : service;
        return options.repoRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private void requirePackaged() {
        for (String service : options.services()) {
            if (!Files.isRegularFile(applicationJar(service))) {
                throw new StackFailure(service + " is not built (" + applicationJar(service) + " is missing). "
                        + "Run ./mvnw -DskipTests install, or ./distill, which builds what is missing.");
            }
        }
    }

    private static void requireFreePort(String owner, int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new StackFailure("port " + port + " (for " + owner + ") is already in use. Is another stack "
                    + "running? Stop it, or free the port.");
        }
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static String launcherClasspath() {
        return System.getProperty("java.class.path");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
