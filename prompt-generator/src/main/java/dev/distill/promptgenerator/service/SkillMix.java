package dev.distill.promptgenerator.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which skill prompt i of a campaign exercises: a deterministic draw from (campaign seed, index) over the weights,
 * so a resumed or replayed campaign regenerates the very same prompts.
 */
public final class SkillMix {

    private final List<String> names = new ArrayList<>();
    private final double[] cumulative;

    public SkillMix(Map<String, Double> weights) {
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("a skill mix needs at least one skill");
        }
        cumulative = new double[weights.size()];
        double total = 0;
        int i = 0;
        for (Map.Entry<String, Double> entry : new LinkedHashMap<>(weights).entrySet()) {
            names.add(entry.getKey());
            total += entry.getValue();
            cumulative[i++] = total;
        }
        for (int j = 0; j < cumulative.length; j++) {
            cumulative[j] /= total;
        }
    }

    public String skillFor(long campaignSeed, long index) {
        if (names.size() == 1) {
            return names.get(0);
        }
        double u = (mix(campaignSeed ^ 0x5DEECE66DL, index) >>> 11) * 0x1.0p-53;
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return names.get(i);
            }
        }
        return names.get(names.size() - 1);
    }

    private static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
