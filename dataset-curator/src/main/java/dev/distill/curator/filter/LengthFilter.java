package dev.distill.curator.filter;

import dev.distill.curator.config.CuratorConfig;
import dev.distill.events.TeacherResponseEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** Rejects completions shorter or longer than the configured bounds, counted in characters (code points). */
@ApplicationScoped
public class LengthFilter implements SampleFilter {

    public static final String NAME = "length";

    private final int minChars;
    private final int maxChars;

    public LengthFilter(CuratorConfig config) {
        this.minChars = config.length().minChars();
        this.maxChars = config.length().maxChars();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult apply(TeacherResponseEvent response) {
        String completion = response.completion();
        int length = completion.codePointCount(0, completion.length());
        if (length < minChars) {
            return FilterResult.reject("too-short", length + " characters, fewer than the minimum " + minChars);
        }
        if (length > maxChars) {
            return FilterResult.reject("too-long", length + " characters, more than the maximum " + maxChars);
        }
        return FilterResult.accept();
    }
}
