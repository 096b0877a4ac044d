package dev.distill.evaluator.service;

import dev.distill.evaluator.config.EvaluatorConfig;
import dev.distill.model.ChatTurn;
import dev.distill.model.Student;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Greedily decodes a student's answers to a suite, a batch at a time, and grades them: accuracy by the suite's checks
 * per skill and, when the teacher's answers are known, agreement with them.
 */
@ApplicationScoped
public class CheckpointScorer {

    @Inject
    EvaluatorConfig config;

    /**
     * {@code latencyMsPerPrompt}: generation time per prompt; {@code latencyP99Ms}: the 99th percentile of the time an
     * answer took, which in batched generation is its batch's time.
     */
    public record Score(SuiteGrade grade, double latencyMsPerPrompt, double latencyP99Ms, double tokensPerSecond) {

        public int prompts() {
            return grade.prompts();
        }

        public double accuracy() {
            return grade.accuracy();
        }

        public Map<String, Double> perSkill() {
            return grade.perSkill();
        }
    }

    /** @param teacherAnswers the teacher's completion by prompt id, or null when there is no baseline */
    public Score score(Student student, EvalSuite suite, Map<String, String> teacherAnswers) {
        List<EvalSuite.Item> items = suite.items();
        List<String> completions = new ArrayList<>(items.size());
        double[] answerMillis = new double[items.size()];
        long generatedBytes = 0;
        long started = System.nanoTime();
        for (int from = 0; from < items.size(); from += config.batchSize()) {
            List<EvalSuite.Item> batch = items.subList(from, Math.min(items.size(), from + config.batchSize()));
            List<List<ChatTurn>> prompts = batch.stream().map(item -> List.of(ChatTurn.user(item.prompt()))).toList();
            long batchStarted = System.nanoTime();
            for (String completion : student.generate(prompts, config.maxNewTokens())) {
                completions.add(completion);
                generatedBytes += completion.getBytes(StandardCharsets.UTF_8).length;
            }
            java.util.Arrays.fill(answerMillis, from, from + batch.size(), (System.nanoTime() - batchStarted) / 1e6);
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        return new Score(SuiteGrade.of(items, completions, teacherAnswers),
                1000 * seconds / Math.max(1, items.size()), percentile99(answerMillis), generatedBytes / seconds);
    }

    /** The nearest-rank 99th percentile; 0 for no values. */
    static double percentile99(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[(int) Math.ceil(0.99 * sorted.length) - 1];
    }
}
