package dev.distill.curator.domain;

import java.util.Map;

/**
 * Counts of one dataset version (one per teacher version). {@code acceptanceRate} is curated / (curated + rejected);
 * per filter it is the share of the samples that reached the filter and passed it; per skill, the share curated.
 */
public record DatasetSummary(String datasetVersion, long curated, long rejected, double acceptanceRate,
        Map<String, Long> rejectedByReason, Map<String, Stage> byFilter, Map<String, Stage> bySkill) {

    /** Passed (or curated) and rejected counts of a filter or a skill, with the acceptance rate. */
    public record Stage(long passed, long rejected, double acceptanceRate) {

        public static Stage of(long passed, long rejected) {
            return new Stage(passed, rejected, rate(passed, rejected));
        }
    }

    static double rate(long passed, long rejected) {
        long total = passed + rejected;
        return total == 0 ? 0.0 : (double) passed / total;
    }
}
