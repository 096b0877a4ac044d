package dev.distill.referenceteacher.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Faults configured at startup ({@code teacher.faults.*}), and latency that does not tie up threads: with the worker
 * pool cut to 8 threads, 128 concurrent requests delayed 300 ms each must finish together, not 8 at a time.
 */
@QuarkusTest
@TestProfile(FaultsFromConfigTest.Configured.class)
class FaultsFromConfigTest {

    private static final int CONCURRENT = 128;
    private static final int LATENCY_MS = 300;
    private static final int WORKER_THREADS = 8;

    public static class Configured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "teacher.faults.seed", "11",
                    "teacher.faults.latency.mode", "fixed",
                    "teacher.faults.latency.ms", Integer.toString(LATENCY_MS),
                    "teacher.faults.refusal-rate", "1",
                    "teacher.faults.retry-after-seconds", "5",
                    "teacher.faults.timeout-hold", "2s",
                    "quarkus.thread-pool.max-threads", Integer.toString(WORKER_THREADS));
        }
    }

    @TestHTTPResource("/v1/chat/completions")
    URI chatUri;

    @AfterEach
    void backToStartupProfile() {
        given().contentType(ContentType.JSON).body("{}").when().put("/admin/faults").then().statusCode(200);
    }

    @Test
    void theStartupProfileComesFromConfiguration() {
        given().when().get("/admin/faults").then().statusCode(200)
                .body("seed", equalTo(11))
                .body("latency.mode", equalTo("fixed"))
                .body("latency.ms", equalTo(LATENCY_MS))
                .body("refusal_rate", equalTo(1.0f))
                .body("retry_after_seconds", equalTo(5))
                .body("timeout_hold_ms", equalTo(2000))
                .body("throttle_rate", equalTo(0.0f));
        given().contentType(ContentType.JSON)
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"What is 2 + 2?\"}]}")
                .when().post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].message.content", equalTo("I'm sorry, but I can't help with that."));
    }

    @Test
    void fieldsLeftOutOfAPutTakeTheirConfiguredValue() {
        given().contentType(ContentType.JSON).body("{\"throttle_rate\": 1}").when().put("/admin/faults")
                .then().statusCode(200)
                .body("throttle_rate", equalTo(1.0f)).body("refusal_rate", equalTo(1.0f))
                .body("retry_after_seconds", equalTo(5)).body("seed", equalTo(11));
        given().contentType(ContentType.JSON)
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"What is 2 + 2?\"}]}")
                .when().post("/v1/chat/completions").then().statusCode(429).header("Retry-After", "5");
    }

    @Test
    void latencyHoldsNoThread() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(chatUri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"What is 2 + 2?\"}]}"))
                .build();
        client.send(request, HttpResponse.BodyHandlers.ofString()); // warm up: class loading, JIT, first connection

        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).get();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.get().statusCode()).isEqualTo(200);
        }
        assertThat(elapsedMs).isGreaterThanOrEqualTo(LATENCY_MS);
        // threads sleeping through the latency would need CONCURRENT / WORKER_THREADS * LATENCY_MS = 4800 ms
        assertThat(elapsedMs).isLessThan(3000);
    }
}
