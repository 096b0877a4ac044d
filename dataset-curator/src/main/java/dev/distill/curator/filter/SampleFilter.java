package dev.distill.curator.filter;

import dev.distill.events.TeacherResponseEvent;

/**
 * One curation rule. Implementations are CDI beans with a stable {@link #name()}; which run, and in what order,
 * is configuration ({@code distill.curator.filters}). Adding a filter is adding a bean.
 */
public interface SampleFilter {

    /** The name used in configuration and in the {@code filter} field of a rejection. */
    String name();

    FilterResult apply(TeacherResponseEvent response);
}
