package dev.distill.curator.domain;

import dev.distill.events.DistillEvent;

/** What curation decided earlier for a response (a CuratedSampleEvent or a RejectedSampleEvent), and whether the
 * broker has acknowledged it. */
public record StoredOutcome(DistillEvent event, boolean published) {
}
