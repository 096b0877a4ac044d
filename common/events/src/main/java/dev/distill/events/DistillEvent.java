package dev.distill.events;

import java.time.Instant;

/** What every event on a distill topic has: a deterministic id, a partition key and a time. */
public interface DistillEvent {

    /** Deterministic: a redelivered or re-produced event has the same id. Becomes the CloudEvents {@code ce_id}. */
    String eventId();

    /** The Kafka record key (see {@link Topics}). */
    String key();

    /** Becomes the CloudEvents {@code ce_time}. */
    Instant time();
}
