package dev.distill.evaluator.service;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Completions to a suite, judged: accuracy by the suite's checks, and, given the teacher's completions to the same
 * prompts, agreement (the fraction of prompts where both give the same answer), overall and per skill. Fractions in
 * 0..1; agreement is null without the teacher's completions.
 */
public record SuiteGrade(int prompts, double accuracy, Map<String, Double> perSkill, Double agreement,
        Map<String, Double> perSkillAgreement) {

    /**
     * @param completions one per item, in the suite's order
     * @param teacher the teacher's completion by prompt id, or null when there is none (a prompt it lacks counts as
     *     a disagreement)
     */
    public static SuiteGrade of(List<EvalSuite.Item> items, List<String> completions, Map<String, String> teacher) {
        if (completions.size() != items.size()) {
            throw new IllegalArgumentException(completions.size() + " completions for " + items.size() + " prompts");
        }
        Map<String, int[]> counts = new TreeMap<>(); // skill -> {correct, agreeing, total}
        for (int i = 0; i < items.size(); i++) {
            EvalSuite.Item item = items.get(i);
            int[] c = counts.computeIfAbsent(item.skill(), k -> new int[3]);
            c[2]++;
            if (item.check().accepts(completions.get(i))) {
                c[0]++;
            }
            String theirs = teacher == null ? null : teacher.get(item.promptId());
            if (theirs != null && item.check().agree(completions.get(i), theirs)) {
                c[1]++;
            }
        }
        Map<String, Double> accuracy = new TreeMap<>();
        Map<String, Double> agreement = new TreeMap<>();
        counts.forEach((skill, c) -> {
            accuracy.put(skill, (double) c[0] / c[2]);
            agreement.put(skill, (double) c[1] / c[2]);
        });
        int correct = counts.values().stream().mapToInt(c -> c[0]).sum();
        int agreeing = counts.values().stream().mapToInt(c -> c[1]).sum();
        int n = items.size();
        return new SuiteGrade(n, n == 0 ? 0 : (double) correct / n, accuracy,
                teacher == null ? null : n == 0 ? 0.0 : (double) agreeing / n, teacher == null ? null : agreement);
    }
}
