package dev.distill.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local Prometheus' files rendered from deploy/prometheus, checked by Prometheus' own promtool. */
class PrometheusConfigTest {

    private static final Path PROMETHEUS_DIR = Path.of("").toAbsolutePath().getParent().resolve("prometheus");

    @Test
    void theRenderedConfigAndRulesPassPromtool(@TempDir Path dir) throws Exception {
        Map<String, Integer> ports = new LinkedHashMap<>();
        int port = 20001;
        for (String name : new String[] {"prometheus", "reference-teacher", "prompt-generator", "teacher-gateway",
                "dataset-curator", "trainer", "evaluator"}) {
            ports.put(name, port++);
        }
        String config = PrometheusConfig.scrapeConfig(Files.readString(PROMETHEUS_DIR.resolve("prometheus-local.yml")),
                2, ports);
        assertThat(config).doesNotContain("${").contains("scrape_interval: 2s", "127.0.0.1:20003");
        Files.writeString(dir.resolve("prometheus.yml"), config);
        String rules = PrometheusConfig.ruleFile(Files.readString(PROMETHEUS_DIR.resolve("distill-rules.yaml")));
        assertThat(rules).startsWith("groups:").contains("alert: DistillTrainerStalled");
        Files.writeString(dir.resolve("rules.yml"), rules);

        // promtool parses the config and the rule file it names, PromQL included
        Process promtool = new ProcessBuilder(promtool(), "check", "config", dir.resolve("prometheus.yml").toString())
                .redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(promtool.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS: 6 rules found");
    }

    @Test
    void aServiceTheStackDoesNotRunIsNamedInTheFailure() {
        assertThatThrownBy(() -> PrometheusConfig.scrapeConfig("targets: [\"127.0.0.1:${port:trainer}\"]", 1, Map.of()))
                .isInstanceOf(StackFailure.class).hasMessageContaining("trainer");
    }

    private static String promtool() {
        Path debian = Path.of("/usr/bin/promtool");
        if (!Files.isExecutable(debian)) {
            throw new AssertionError("promtool is missing: install Debian's prometheus package (apt-get install prometheus)");
        }
        return debian.toString();
    }
}
