package dev.distill.curator.filter;

import dev.distill.events.TeacherResponseEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** Rejects answers cut off by the token limit: training on them would teach the student to stop mid-thought. */
@ApplicationScoped
public class TruncationFilter implements SampleFilter {

    public static final String NAME = "truncation";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult apply(TeacherResponseEvent response) {
        return "length".equals(response.finishReason())
                ? FilterResult.reject("truncated", "finish_reason is length after "
                        + response.usage().completionTokens() + " completion tokens")
                : FilterResult.accept();
    }
}
