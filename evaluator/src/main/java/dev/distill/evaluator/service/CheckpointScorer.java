package dev.distill.evaluator.service;

import dev.distill.evaluator.config.EvaluatorConfig;
import dev.distill.model.ChatTurn;
import dev.distill.model.Student;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Greedily decodes a student's answers to a suite and scores exact match of the final answer per skill. */
@ApplicationScoped
public class CheckpointScorer {

    @Inject
    EvaluatorConfig config;

    public record Score(int prompts, double accuracy, Map<String, Double> perSkill, double latencyMsPerPrompt,
            double tokensPerSecond) {
    }

    public Score score(Student student, EvalSuite suite) {
        Map<String, int[]> perSkill = new TreeMap<>(); // skill -> {correct, total}
        long generatedBytes = 0;
        long started = System.nanoTime();
        List<EvalSuite.Item> items = suite.items();
        for (int from = 0; from < items.size(); from += config.batchSize()) {
            List<EvalSuite.Item> batch = items.subList(from, Math.min(items.size(), from + config.batchSize()));
            List<List<ChatTurn>> prompts = batch.stream()
                    .map(item -> List.of(ChatTurn.user(item.problem().prompt()))).toList();
            List<String> completions = student.generate(prompts, config.maxNewTokens());
            for (int i = 0; i < batch.size(); i++) {
                EvalSuite.Item item = batch.get(i);
                int[] counts = perSkill.computeIfAbsent(item.skill().name(), k -> new int[2]);
                counts[1]++;
                if (item.skill().verify(item.problem(), completions.get(i))) {
                    counts[0]++;
                }
                generatedBytes += completions.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            }
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        int correct = perSkill.values().stream().mapToInt(c -> c[0]).sum();
        Map<String, Double> accuracy = new TreeMap<>();
        perSkill.forEach((skill, c) -> accuracy.put(skill, (double) c[0] / c[1]));
        return new Score(items.size(), items.isEmpty() ? 0 : (double) correct / items.size(), accuracy,
                1000 * seconds / Math.max(1, items.size()), generatedBytes / seconds);
    }
}
