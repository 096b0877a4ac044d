package dev.distill.curator.filter;

import dev.distill.curator.config.CuratorConfig;
import dev.distill.curator.messaging.BenchmarkIndex;
import dev.distill.events.TeacherResponseEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Rejects a sample whose prompt shares a word n-gram with a prompt of any suite the evaluator scores against (a
 * prompt shorter than n words is compared whole), so the student is never trained on its own exam. Waits at startup
 * until the suites have been read, rather than let contaminated samples through.
 */
@ApplicationScoped
public class DecontaminationFilter implements SampleFilter {

    public static final String NAME = "decontamination";

    private final BenchmarkIndex index;
    private final Duration loadTimeout;

    public DecontaminationFilter(BenchmarkIndex index, CuratorConfig config) {
        this.index = index;
        this.loadTimeout = config.decontamination().loadTimeout();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult apply(TeacherResponseEvent response) {
        try {
            if (!index.awaitLoaded(loadTimeout)) {
                throw new IllegalStateException("the benchmark suites were not read within " + loadTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the benchmark suites", e);
        }
        return index.overlapping(index.ngrams(PromptOf.text(response)))
                .map(prompt -> FilterResult.reject("benchmark-overlap", "the prompt overlaps benchmark prompt " + prompt))
                .orElse(FilterResult.accept());
    }
}
