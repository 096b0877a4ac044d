package dev.distill.promptgenerator.service;

import dev.distill.events.PromptEvent;
import java.util.List;

/**
 * Something that emits prompts through the ledger: a campaign's own prompts, or a replay of them for a new teacher
 * version. The worker paces it, stages a batch, publishes it and acknowledges it, until the job says it is done.
 */
public interface EmissionJob {

    /** Unique among jobs: the ledger's job id and the lock that keeps two instances from emitting it at once. */
    String id();

    String campaignId();

    double ratePerSecond();

    /**
     * In one transaction: if the job is still RUNNING, stages up to {@code max} next prompts (fewer, or none, when
     * candidates were duplicates, none while its last batch awaits its acks) and advances its cursor; when nothing is
     * left and everything is acknowledged, marks the job complete.
     */
    Batch stageNext(int max);

    /** The broker acknowledged these staged events. */
    void acked(List<PromptEvent> events);

    void fail(String reason);

    /** Staged events to send, or the end of this run (done, paused, cancelled). */
    record Batch(List<PromptEvent> events, boolean ended) {

        public static Batch end() {
            return new Batch(List.of(), true);
        }

        public static Batch of(List<PromptEvent> events) {
            return new Batch(events, false);
        }
    }
}
