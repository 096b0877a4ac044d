package dev.distill.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The local stack with Prometheus (as {@code ./distill up --monitoring} runs it) and a small campaign through it:
 * every PromQL expression of every Grafana dashboard, and every series an alert rule names, returns data from the
 * real services. No expression is padded ({@code or vector(0)}), so a metric that no service exports fails here.
 */
class MonitoringIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DATA_TIMEOUT = Duration.ofMinutes(4);

    @Test
    void everyDashboardPanelAndAlertRuleQueriesSeriesTheServicesExport() throws Exception {
        Path repo = Path.of("").toAbsolutePath().getParent().getParent();
        Map<String, Map<String, String>> props = Map.of(
                // a checkpoint every few steps, so that the evaluator scores one within the test
                "trainer", Map.of("distill.trainer.max-steps", "30", "distill.trainer.checkpoint-every", "10"),
                // no gate: the first scored checkpoint is promoted, so the promotions counter exists
                "evaluator", Map.of("distill.evaluator.builtin.skills", "addition",
                        "distill.evaluator.builtin.prompts", "20", "distill.evaluator.gate", "0.0"));
        StackOptions options = new StackOptions(repo, repo.resolve("deploy/local/target/monitoring"), StackPorts.free(),
                "distill_monitoring", true, "v1", props).withMonitoring(Monitoring.every(Duration.ofSeconds(1)));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ProgressLog out = new ProgressLog(new PrintStream(console, true, StandardCharsets.UTF_8), false);

        try (LocalStack stack = LocalStack.start(options, out)) {
            String prometheus = stack.prometheusUrl().orElseThrow();
            // a few failed teacher calls, so that the error series of the teacher's panels and alert exist
            send("PUT", stack.url("reference-teacher") + "/admin/faults", "{\"server_error_rate\":0.05,\"seed\":7}");
            send("POST", stack.url("prompt-generator") + "/campaigns", """
                    {"name":"monitoring","skills":["addition"],"count":300,"seed":11,"ratePerSecond":100,"difficulty":1}""");

            JsonNode rules = get(prometheus + "/api/v1/rules").path("data").path("groups");
            Map<String, String> alerts = new LinkedHashMap<>();
            rules.forEach(group -> group.path("rules").forEach(rule -> alerts.put(rule.path("name").asText(),
                    rule.path("query").asText())));
            assertThat(alerts).as("alert rules Prometheus loaded from deploy/prometheus/distill-rules.yaml")
                    .containsOnlyKeys("DistillConsumerLagHigh", "DistillDeadLettersGrowing", "DistillTeacherErrorRate",
                            "DistillTeacherCircuitOpen", "DistillTrainerStalled", "DistillAccuracyRegression");

            // dashboards: the whole expression must return data. Alert rules: each series selector inside the
            // expression (the comparison with its threshold is false while all is well, so the whole rule returns
            // nothing by design; the point is that every series it names exists)
            Map<String, String> queries = new LinkedHashMap<>(
                    PromQlExpressions.dashboardTargets(repo.resolve("deploy/grafana/dashboards")));
            assertThat(queries).hasSizeGreaterThan(30);
            alerts.forEach((name, expr) -> PromQlExpressions.selectors(expr)
                    .forEach(selector -> queries.put("alert " + name + " / " + selector, selector)));
            assertThat(String.join("\n", queries.values())).doesNotContain("vector(");

            List<String> empty = awaitData(stack, prometheus, queries);
            System.out.println(console.toString(StandardCharsets.UTF_8));
            assertThat(empty).as("queries that returned no data after a campaign ran through the stack").isEmpty();

            // the rules evaluate without errors against the real series, and every service is scraped
            JsonNode evaluated = get(prometheus + "/api/v1/rules").path("data").path("groups");
            evaluated.forEach(group -> group.path("rules").forEach(rule -> assertThat(rule.path("health").asText())
                    .as(rule.path("name").asText() + ": " + rule.path("lastError").asText()).isEqualTo("ok")));
            JsonNode up = query(prometheus, "up == 1");
            List<String> jobs = new ArrayList<>();
            up.forEach(series -> jobs.add(series.path("metric").path("job").asText()));
            assertThat(jobs).contains("prompt-generator", "teacher-gateway", "dataset-curator", "trainer", "evaluator",
                    "reference-teacher");
        }
    }

    /** Polls until every query returns data or {@link #DATA_TIMEOUT} has passed; returns the ones still empty. */
    private static List<String> awaitData(LocalStack stack, String prometheus, Map<String, String> queries)
            throws Exception {
        Instant deadline = Instant.now().plus(DATA_TIMEOUT);
        Map<String, String> pending = new LinkedHashMap<>(queries);
        while (true) {
            pending.entrySet().removeIf(q -> {
                try {
                    return !query(prometheus, q.getValue()).isEmpty();
                } catch (Exception e) {
                    throw new AssertionError(q.getKey() + ": " + e.getMessage(), e);
                }
            });
            if (pending.isEmpty() || Instant.now().isAfter(deadline)) {
                return pending.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
            }
            stack.deadProcess().ifPresent(dead -> {
                throw new AssertionError(dead.name() + " stopped. Last lines of " + dead.log() + ":\n" + dead.tail(25));
            });
            Thread.sleep(2000);
        }
    }

    /** The result of an instant query; a query Prometheus cannot parse or evaluate fails the test at once. */
    private static JsonNode query(String prometheus, String promql) throws IOException, InterruptedException {
        JsonNode response = get(prometheus + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!response.path("status").asText().equals("success")) {
            throw new AssertionError("Prometheus rejected " + promql + ": " + response.path("error").asText());
        }
        return response.path("data").path("result");
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static void send(String method, String url, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + url + ": " + response.body()).isBetween(200, 299);
    }
}
