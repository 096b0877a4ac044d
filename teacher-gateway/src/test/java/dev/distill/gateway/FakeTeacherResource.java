package dev.distill.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts {@link FakeOpenAiTeacher} and points the gateway at it, with an API key and prices to check. */
public class FakeTeacherResource implements QuarkusTestResourceLifecycleManager {

    /** A recognisable key: tests search every output for it. */
    public static final String API_KEY = "sk-planted-7f3a9c2e51d4b8";
    public static final int MAX_IN_FLIGHT = 16;

    private static FakeOpenAiTeacher teacher;

    public static FakeOpenAiTeacher teacher() {
        return teacher;
    }

    @Override
    public Map<String, String> start() {
        teacher = new FakeOpenAiTeacher();
        return Map.ofEntries(
                Map.entry("distill.teacher.base-url", teacher.baseUrl()),
                Map.entry("distill.teacher.api-key", API_KEY),
                Map.entry("distill.teacher.headers.x-team", "distill-tests"),
                Map.entry("distill.teacher.limits.timeout", "1s"),
                Map.entry("distill.teacher.limits.max-in-flight", Integer.toString(MAX_IN_FLIGHT)),
                Map.entry("distill.gateway.retry.max-attempts", "3"),
                Map.entry("distill.gateway.retry.initial-backoff", "10ms"),
                Map.entry("distill.gateway.retry.max-backoff", "2s"),
                // tests share one gateway: keep one test's failures from opening the circuit for the others
                Map.entry("distill.gateway.circuit.failure-threshold", "1000"),
                Map.entry("distill.gateway.capture.enabled", "true"),
                Map.entry("distill.gateway.prices.\"reference\".prompt-per-1k", "0.5"),
                Map.entry("distill.gateway.prices.\"reference\".completion-per-1k", "1.5"));
    }

    @Override
    public void stop() {
        if (teacher != null) {
            teacher.close();
        }
    }
}
