package dev.distill.local;

import dev.distill.testing.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Prometheus process (Debian's {@code prometheus} package) that scrapes every service of a local stack and
 * evaluates distill's alert rules; config and data under {@code <workDir>/prometheus}.
 */
final class LocalPrometheus {

    /** Debian's package installs it here; {@code -Ddistill.prometheus.binary} points elsewhere. */
    static final String DEFAULT_BINARY = "/usr/bin/prometheus";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private LocalPrometheus() {
    }

    /** Renders the config, starts Prometheus on a free port and waits until it is ready. Returns its port. */
    static int start(StackOptions options, Map<String, Integer> servicePorts, Path log,
            java.util.function.Function<ManagedProcess, ManagedProcess> track) {
        Path binary = Path.of(System.getProperty("distill.prometheus.binary", DEFAULT_BINARY));
        if (!Files.isExecutable(binary)) {
            throw new StackFailure("--monitoring needs Prometheus at " + binary + ". Install Debian's package "
                    + "(apt-get install prometheus) or run without --monitoring.");
        }
        int port = KafkaBroker.freePort();
        Path dir = options.workDir().resolve("prometheus");
        Path source = options.repoRoot().resolve("deploy/prometheus");
        Map<String, Integer> ports = new LinkedHashMap<>(servicePorts);
        ports.put("prometheus", port);
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.writeString(dir.resolve("prometheus.yml"), PrometheusConfig.scrapeConfig(
                    Files.readString(source.resolve("prometheus-local.yml")),
                    options.monitoring().scrapeInterval().toSeconds(), ports));
            Files.writeString(dir.resolve("rules.yml"),
                    PrometheusConfig.ruleFile(Files.readString(source.resolve("distill-rules.yaml"))));
        } catch (IOException e) {
            throw new StackFailure("cannot write the Prometheus config in " + dir + ": " + e.getMessage(), e);
        }
        ManagedProcess process = track.apply(ManagedProcess.start("prometheus", List.of(binary.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--storage.tsdb.retention.time=2d",
                "--web.listen-address=127.0.0.1:" + port,
                // Debian's defaults point the console templates at /etc/prometheus, which need not exist
                "--web.console.templates=" + dir.resolve("consoles"),
                "--web.console.libraries=" + dir.resolve("console_libraries")),
                options.repoRoot(), log));
        process.awaitHttpOk("http://127.0.0.1:" + port + "/-/ready", START_TIMEOUT);
        return port;
    }
}
