package dev.distill.curator.filter;

/**
 * A named step of the filter chain. Filters are CDI beans with a stable {@link #name()}; which run, and in what
 * order, is configuration ({@code distill.curator.filters}). Adding a filter is adding a bean of one of the two
 * kinds: a {@link SampleFilter} judges a response on its own, a {@link StatefulFilter} against what the dataset
 * already holds.
 */
public interface CurationFilter {

    /** The name used in configuration and in the {@code filter} field of a rejection. */
    String name();
}
