package dev.distill.evaluator.service;

/** A CDI event: {@code checkpointId} became {@code studentId}'s champion in the current transaction. */
public record ChampionChanged(String studentId, String checkpointId) {
}
