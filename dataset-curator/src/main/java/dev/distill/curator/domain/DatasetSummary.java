package dev.distill.curator.domain;

import java.util.Map;

/** Counts of one dataset version. {@code acceptanceRate} is curated / (curated + rejected), 0 when empty. */
public record DatasetSummary(String datasetVersion, long curated, long rejected, Map<String, Long> rejectedByReason,
        double acceptanceRate) {

    public static DatasetSummary of(String datasetVersion, long curated, Map<String, Long> rejectedByReason) {
        long rejected = rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
        long total = curated + rejected;
        return new DatasetSummary(datasetVersion, curated, rejected, Map.copyOf(rejectedByReason),
                total == 0 ? 0.0 : (double) curated / total);
    }
}
