package dev.distill.curator.filter;

import dev.distill.events.TeacherResponseEvent;
import java.util.List;

/**
 * A rule that judges a response against the samples the dataset already holds (deduplication). It works a batch at a
 * time: {@link #prepare} computes what the samples are looked up by, before any lock is taken; then, inside the
 * transaction that stores the batch's outcomes, {@link Prepared#open} locks what the check must keep true and reads
 * the stored state for the whole batch at once; the chain checks the samples in order, telling the batch which ones
 * the whole chain accepted, so that a later sample of the same batch is also judged against them; {@link Batch#store}
 * finally records the accepted ones. A rejected sample leaves no state behind. Stateful filters do not modify
 * samples, and they run after every {@link SampleFilter} of the chain.
 */
public interface StatefulFilter extends CurationFilter {

    /** No database: what these samples (as the earlier filters left them) are looked up by. */
    Prepared prepare(List<TeacherResponseEvent> samples);

    interface Prepared {

        /** In the caller's transaction: locks and reads the state the prepared samples will be checked against. */
        Batch open();
    }

    interface Batch {

        /** Accept or reject one of the prepared samples (some may be left out), in order. */
        FilterResult check(TeacherResponseEvent sample);

        /** The chain accepted this sample: later samples of the batch are duplicates of it too. */
        void accepted(TeacherResponseEvent sample);

        /** Writes what {@link #accepted} recorded, in the caller's transaction. */
        void store();
    }
}
