package dev.distill.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts {@link FakeOpenAiTeacher} and points the gateway at it, with an API key and prices to check. */
public class FakeTeacherResource implements QuarkusTestResourceLifecycleManager {

    public static final String API_KEY = "sk-test-secret-0000";

    private static FakeOpenAiTeacher teacher;

    public static FakeOpenAiTeacher teacher() {
        return teacher;
    }

    @Override
    public Map<String, String> start() {
        teacher = new FakeOpenAiTeacher();
        return Map.of(
                "distill.teacher.base-url", teacher.baseUrl(),
                "distill.teacher.api-key", API_KEY,
                "distill.teacher.timeout", "5s",
                "distill.teacher.retry-delay", "10ms",
                "distill.teacher.price.prompt-per-1k", "0.5",
                "distill.teacher.price.completion-per-1k", "1.5");
    }

    @Override
    public void stop() {
        if (teacher != null) {
            teacher.close();
        }
    }
}
