package dev.distill.referenceteacher.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.distill.skills.FinalAnswer;
import dev.distill.skills.Problem;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import dev.distill.skills.Split;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each fault as a client sees it, set at runtime through {@code PUT /admin/faults}, and counted by {@code /admin/stats}. */
@QuarkusTest
class FaultInjectionTest {

    private static final Skill ADDITION = SkillSuite.builtIn().get("addition");
    private static final String REFUSAL = "I'm sorry, but I can't help with that.";
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.]+");
    private static final Pattern PHONE = Pattern.compile("\\+\\d{1,3}(?: \\d{3}){2} \\d{4}");

    @TestHTTPResource("/v1/chat/completions")
    URI chatUri;

    /** What a client can tell from a response, for the rate test. */
    enum Seen { OK, THROTTLED, SERVER_ERROR, TRUNCATED, REFUSAL, PII }

    @BeforeEach
    @AfterEach
    void faultsOffAndStatsZero() {
        putFaults("{}").then().statusCode(200);
        given().when().post("/admin/stats/reset").then().statusCode(200).body("total", equalTo(0));
    }

    private static Response putFaults(String json) {
        return given().contentType(ContentType.JSON).body(json).when().put("/admin/faults");
    }

    private static String requestJson(String prompt, String extra) {
        return "{\"model\":\"reference-teacher-v1\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]"
                + extra + "}";
    }

    private static Response chat(String prompt, String extra) {
        return given().contentType(ContentType.JSON).body(requestJson(prompt, extra)).when().post("/v1/chat/completions");
    }

    private static JsonPath stats() {
        return given().when().get("/admin/stats").then().statusCode(200).extract().jsonPath();
    }

    private static String prompt(int i) {
        return ADDITION.generate(Split.TRAIN.seed(77, i), 3).prompt();
    }

    @Test
    void throttledRequestsGet429WithRetryAfterAndAnOpenAiRateLimitError() {
        putFaults("{\"throttle_rate\": 1, \"retry_after_seconds\": 3}").then().statusCode(200)
                .body("throttle_rate", equalTo(1.0f)).body("retry_after_seconds", equalTo(3));
        chat("What is 1 + 1?", "").then().statusCode(429)
                .header("Retry-After", "3")
                .header("x-teacher-version", "v1")
                .contentType(ContentType.JSON)
                .body("error.type", equalTo("rate_limit_error"))
                .body("error.code", equalTo("rate_limit_exceeded"))
                .body("error.message", containsString("Rate limit"));
        JsonPath stats = stats();
        assertThat(stats.getInt("throttled")).isEqualTo(1);
        assertThat(stats.getInt("total")).isEqualTo(1);
    }

    @Test
    void serverErrorsAre500502Or503WithAnOpenAiServerError() {
        putFaults("{\"server_error_rate\": 1, \"seed\": 5}").then().statusCode(200);
        Set<Integer> statuses = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            Response response = chat("What is 1 + 1?", "");
            statuses.add(response.statusCode());
            response.then().header("x-teacher-version", "v1").body("error.type", equalTo("server_error"))
                    .body("error.message", containsString("injected fault"));
        }
        assertThat(statuses).containsExactlyInAnyOrder(500, 502, 503);
        assertThat(stats().getInt("server_error")).isEqualTo(30);
    }

    @Test
    void aTimedOutRequestIsCountedOnArrivalAndAnswered504AfterTheHold() throws Exception {
        putFaults("{\"timeout_rate\": 1, \"timeout_hold_ms\": 1500}").then().statusCode(200);
        HttpClient client = HttpClient.newHttpClient();
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> pending = client.sendAsync(
                HttpRequest.newBuilder(chatUri).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(requestJson("What is 1 + 1?", ""))).build(),
                HttpResponse.BodyHandlers.ofString());
        // the counter sees it while it is held: a gateway test counting calls must not wait out the hold
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (stats().getInt("timeout") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(stats().getInt("timeout")).isEqualTo(1);
        assertThat(pending).isNotDone();

        HttpResponse<String> response = pending.get();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(1500);
        JsonPath body = new JsonPath(response.body());
        assertThat(body.getString("error.type")).isEqualTo("server_error");
        assertThat(body.getString("error.code")).isEqualTo("timeout");
        assertThat(stats().getInt("total")).isEqualTo(1);
    }

    @Test
    void withTheDefaultHoldTheClientTimesOutFirst() {
        JsonPath profile = putFaults("{\"timeout_rate\": 1}").then().statusCode(200).extract().jsonPath();
        assertThat(profile.getLong("timeout_hold_ms")).isEqualTo(60_000L);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(chatUri).timeout(Duration.ofMillis(500))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(requestJson("What is 1 + 1?", ""))).build();
        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void aTruncatedAnswerIsCutToAboutHalfWithLengthAndConsistentLogprobsAndUsage() {
        String prompt = ADDITION.generate(Split.TRAIN.seed(3, 3), 4).prompt();
        JsonPath full = chat(prompt, ",\"logprobs\":true,\"top_logprobs\":2").then().statusCode(200).extract().jsonPath();
        String fullContent = full.getString("choices[0].message.content");

        putFaults("{\"truncate_rate\": 1}").then().statusCode(200);
        JsonPath cut = chat(prompt, ",\"logprobs\":true,\"top_logprobs\":2").then().statusCode(200)
                .header("x-teacher-version", "v1").extract().jsonPath();
        String content = cut.getString("choices[0].message.content");
        assertThat(content).isEqualTo(fullContent.substring(0, fullContent.length() / 2));
        assertThat(cut.getString("choices[0].finish_reason")).isEqualTo("length");
        List<String> tokens = cut.getList("choices[0].logprobs.content.token");
        assertThat(String.join("", tokens)).isEqualTo(content);
        assertThat(cut.getInt("usage.completion_tokens")).isEqualTo(content.length());
        assertThat(cut.getInt("usage.total_tokens")).isEqualTo(cut.getInt("usage.prompt_tokens") + content.length());
        // the teacher lost the thread: it is visibly less sure of the same tokens than when it answered in full
        double cutMean = meanLogprob(cut.getList("choices[0].logprobs.content.logprob"));
        double fullMean = meanLogprob(full.getList("choices[0].logprobs.content.logprob").subList(0, tokens.size()));
        assertThat(cutMean).isLessThan(fullMean - 0.7);
        assertThat(stats().getInt("truncated")).isEqualTo(1);
    }

    @Test
    void aRefusalReplacesTheAnswer() {
        putFaults("{\"refusal_rate\": 1}").then().statusCode(200);
        JsonPath json = chat("What is 12 + 30?", ",\"logprobs\":true").then().statusCode(200).extract().jsonPath();
        String content = json.getString("choices[0].message.content");
        assertThat(content).isEqualTo(REFUSAL).doesNotContain(FinalAnswer.MARKER);
        assertThat(json.getString("choices[0].finish_reason")).isEqualTo("stop");
        assertThat(json.getList("choices[0].logprobs.content")).hasSize(REFUSAL.length());
        assertThat(json.getInt("usage.completion_tokens")).isEqualTo(REFUSAL.length());
        assertThat(stats().getInt("refusal")).isEqualTo(1);
    }

    @Test
    void aPiiAnswerHasAnEmailAndPhoneLineBeforeTheFinalAnswer() {
        putFaults("{\"pii_rate\": 1}").then().statusCode(200);
        Problem problem = ADDITION.generate(Split.TRAIN.seed(4, 4), 2);
        JsonPath json = chat(problem.prompt(), ",\"logprobs\":true").then().statusCode(200).extract().jsonPath();
        String content = json.getString("choices[0].message.content");
        List<String> lines = content.lines().toList();
        String contactLine = lines.get(lines.size() - 2);
        assertThat(EMAIL.matcher(contactLine).find()).as(contactLine).isTrue();
        assertThat(PHONE.matcher(contactLine).find()).as(contactLine).isTrue();
        assertThat(lines.get(lines.size() - 1)).startsWith(FinalAnswer.MARKER);
        assertThat(FinalAnswer.extract(content)).isPresent();
        assertThat(json.getString("choices[0].finish_reason")).isEqualTo("stop");
        assertThat(json.getList("choices[0].logprobs.content")).hasSize(content.length());
        assertThat(json.getInt("usage.completion_tokens")).isEqualTo(content.length());
        assertThat(stats().getInt("pii")).isEqualTo(1);
    }

    @Test
    void ratesAreRespectedCountedExactlyAndReproducibleWithASeed() {
        String profile = "{\"seed\": 7, \"throttle_rate\": 0.1, \"server_error_rate\": 0.1, "
                + "\"truncate_rate\": 0.1, \"refusal_rate\": 0.1, \"pii_rate\": 0.1}";
        putFaults(profile).then().statusCode(200).body("seed", equalTo(7));
        List<Seen> first = send(400);
        Map<Seen, Integer> counts = new EnumMap<>(Seen.class);
        first.forEach(seen -> counts.merge(seen, 1, Integer::sum));
        // expected 40 each for the failures, 320 * 0.1 = 32 each for the answer faults (sd about 6)
        assertThat(counts.get(Seen.THROTTLED)).isBetween(20, 60);
        assertThat(counts.get(Seen.SERVER_ERROR)).isBetween(20, 60);
        assertThat(counts.get(Seen.TRUNCATED)).isBetween(14, 50);
        assertThat(counts.get(Seen.REFUSAL)).isBetween(14, 50);
        assertThat(counts.get(Seen.PII)).isBetween(14, 50);
        assertThat(counts.get(Seen.OK)).isBetween(190, 260);

        JsonPath stats = stats();
        assertThat(stats.getInt("total")).isEqualTo(400);
        assertThat(stats.getInt("ok")).isEqualTo(counts.get(Seen.OK));
        assertThat(stats.getInt("throttled")).isEqualTo(counts.get(Seen.THROTTLED));
        assertThat(stats.getInt("server_error")).isEqualTo(counts.get(Seen.SERVER_ERROR));
        assertThat(stats.getInt("timeout")).isZero();
        assertThat(stats.getInt("truncated")).isEqualTo(counts.get(Seen.TRUNCATED));
        assertThat(stats.getInt("refusal")).isEqualTo(counts.get(Seen.REFUSAL));
        assertThat(stats.getInt("pii")).isEqualTo(counts.get(Seen.PII));

        putFaults(profile).then().statusCode(200); // same seed: the sequence starts over
        assertThat(send(400)).isEqualTo(first);
    }

    private List<Seen> send(int n) {
        List<Seen> seen = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Response response = chat(prompt(i), "");
            if (response.statusCode() == 429) {
                seen.add(Seen.THROTTLED);
            } else if (response.statusCode() >= 500) {
                seen.add(Seen.SERVER_ERROR);
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                JsonPath json = response.jsonPath();
                String content = json.getString("choices[0].message.content");
                if ("length".equals(json.getString("choices[0].finish_reason"))) {
                    seen.add(Seen.TRUNCATED);
                } else if (content.equals(REFUSAL)) {
                    seen.add(Seen.REFUSAL);
                } else if (EMAIL.matcher(content).find()) {
                    seen.add(Seen.PII);
                } else {
                    seen.add(Seen.OK);
                }
            }
        }
        return seen;
    }

    @Test
    void aFixedLatencyDelaysAnswersAndErrors() {
        putFaults("{\"latency\": {\"mode\": \"fixed\", \"ms\": 200}}").then().statusCode(200)
                .body("latency.mode", equalTo("fixed")).body("latency.ms", equalTo(200));
        long start = System.nanoTime();
        chat("What is 1 + 1?", "").then().statusCode(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(200);

        putFaults("{\"latency\": {\"ms\": 200}, \"throttle_rate\": 1}").then().statusCode(200);
        start = System.nanoTime();
        chat("What is 1 + 1?", "").then().statusCode(429);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(200);
    }

    @Test
    void anInvalidProfileIsA400NamingTheProblemAndChangesNothing() {
        putFaults("{\"refusal_rate\": 0.5}").then().statusCode(200);
        putFaults("{\"throttle_rate\": 1.5}").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo("throttle_rate"))
                .body("error.message", equalTo("Invalid fault profile: throttle_rate must be between 0 and 1, was 1.5."));
        putFaults("{\"throttle_rate\": 0.5, \"server_error_rate\": 0.3, \"timeout_rate\": 0.3}").then().statusCode(400)
                .body("error.message", containsString("throttle_rate + server_error_rate + timeout_rate must be at most 1"));
        putFaults("{\"truncate_rate\": 0.6, \"refusal_rate\": 0.5}").then().statusCode(400)
                .body("error.message", containsString("truncate_rate + refusal_rate + pii_rate must be at most 1"))
                .body("error.message", containsString("was 1.1"));
        putFaults("{\"timeout_hold_ms\": -1}").then().statusCode(400).body("error.param", equalTo("timeout_hold_ms"));
        putFaults("{\"retry_after_seconds\": -1}").then().statusCode(400).body("error.param", equalTo("retry_after_seconds"));
        putFaults("{\"latency\": {\"mode\": \"uniform\", \"ms\": 100, \"max_ms\": 50}}").then().statusCode(400)
                .body("error.param", equalTo("latency.max_ms"));
        putFaults("{\"latency\": {\"mode\": \"lognormal\", \"ms\": 0, \"max_ms\": 50}}").then().statusCode(400)
                .body("error.param", equalTo("latency.ms"));
        putFaults("{\"latency\": {\"mode\": \"gaussian\"}}").then().statusCode(400)
                .body("error.param", equalTo("latency.mode"));
        putFaults("{\"throtle_rate\": 0.1}").then().statusCode(400)
                .body("error.param", equalTo("throtle_rate")).body("error.message", containsString("Unrecognized field"));
        putFaults("{\"pii_rate\": null}").then().statusCode(400).body("error.param", equalTo("pii_rate"));
        putFaults("[1]").then().statusCode(400).body("error.message", containsString("JSON object"));
        putFaults("{\"pii_rate\": ").then().statusCode(400).body("error.type", equalTo("invalid_request_error"));

        given().when().get("/admin/faults").then().statusCode(200)
                .body("refusal_rate", equalTo(0.5f)).body("throttle_rate", equalTo(0.0f))
                .body("truncate_rate", equalTo(0.0f)).body("timeout_hold_ms", equalTo(60000));
    }

    @Test
    void theProfileHasTheSameShapeInAndOut() {
        String profile = "{\"seed\":3,\"latency\":{\"mode\":\"lognormal\",\"ms\":20,\"max_ms\":90},\"throttle_rate\":0.1,"
                + "\"retry_after_seconds\":2,\"server_error_rate\":0.2,\"timeout_rate\":0.05,\"timeout_hold_ms\":700,"
                + "\"truncate_rate\":0.1,\"refusal_rate\":0.1,\"pii_rate\":0.1}";
        Map<String, Object> put = putFaults(profile).then().statusCode(200).extract().jsonPath().getMap("$");
        Map<String, Object> got = given().when().get("/admin/faults").then().statusCode(200).extract().jsonPath().getMap("$");
        assertThat(got).isEqualTo(put).isEqualTo(new JsonPath(profile).getMap("$"));
        // fields left out take their startup value (off), not the current one
        putFaults("{\"pii_rate\": 0.2}").then().statusCode(200)
                .body("seed", nullValue()).body("throttle_rate", equalTo(0.0f)).body("pii_rate", equalTo(0.2f))
                .body("latency.mode", equalTo("fixed")).body("latency.ms", equalTo(0));
    }

    @Test
    void everyRequestIsCountedOnceIncludingInvalidOnesAndResetZeroes() {
        chat("What is 1 + 1?", "").then().statusCode(200);
        chat("What is 1 + 1?", ",\"n\":2").then().statusCode(400);
        chat("What is 1 + 1?", ",\"model\":\"gpt-4o\"").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"messages\": [").when().post("/v1/chat/completions")
                .then().statusCode(400).body("error.type", equalTo("invalid_request_error"));
        given().contentType(ContentType.JSON).body("").when().post("/v1/chat/completions")
                .then().statusCode(400).body("error.message", containsString("JSON body"));
        JsonPath stats = stats();
        assertThat(stats.getInt("total")).isEqualTo(5);
        assertThat(stats.getInt("ok")).isEqualTo(1);
        assertThat(stats.getInt("invalid")).isEqualTo(4);

        JsonPath reset = given().when().post("/admin/stats/reset").then().statusCode(200).extract().jsonPath();
        Map<String, Object> zero = new HashMap<>();
        for (String key : List.of("total", "ok", "throttled", "server_error", "timeout", "truncated", "refusal", "pii",
                "invalid")) {
            zero.put(key, 0);
        }
        assertThat(reset.getMap("$")).isEqualTo(zero);
        assertThat(stats().getMap("$")).isEqualTo(zero);
    }

    @Test
    void outcomesAreExportedAsAPrometheusCounter() {
        putFaults("{\"throttle_rate\": 1}").then().statusCode(200);
        double before = throttledMetric();
        chat("What is 1 + 1?", "").then().statusCode(429);
        chat("What is 1 + 1?", "").then().statusCode(429);
        assertThat(throttledMetric()).isEqualTo(before + 2);
    }

    private static double throttledMetric() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("reference_teacher_requests_total{")
                        && l.contains("outcome=\"throttled\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElseThrow();
    }

    private static double meanLogprob(List<Object> logprobs) {
        return logprobs.stream().mapToDouble(o -> ((Number) o).doubleValue()).average().orElseThrow();
    }
}
