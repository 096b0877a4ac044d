package dev.distill.curator.filter;

import dev.distill.events.TeacherResponseEvent;

/**
 * One curation rule. Implementations are CDI beans with a stable {@link #name()}; which run, and in what order,
 * is configuration ({@code distill.curator.filters}). Adding a filter is adding a bean.
 * <p>
 * The chain runs inside the transaction that stores the outcome, so a stateful filter (deduplication) can check
 * its state in {@link #apply} (taking whatever lock keeps the check true) and record the sample in
 * {@link #accepted} once the whole chain has accepted it; a rejected sample leaves no state behind.
 */
public interface SampleFilter {

    /** The name used in configuration and in the {@code filter} field of a rejection. */
    String name();

    FilterResult apply(TeacherResponseEvent response);

    /** The chain accepted the sample (as the last filter left it); record whatever this filter remembers. */
    default void accepted(TeacherResponseEvent sample) {
    }
}
