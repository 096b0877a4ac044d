package dev.distill.curator.filter;

import dev.distill.curator.config.CuratorConfig;
import dev.distill.events.TeacherResponseEvent;
import dev.distill.events.TokenLogprob;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/**
 * Rejects answers the teacher was unsure of: the mean logprob of the completion's tokens is below the configured
 * minimum. A response without logprobs (a teacher that does not return them, or a redacted sample) passes.
 */
@ApplicationScoped
public class ConfidenceFilter implements SampleFilter {

    public static final String NAME = "confidence";

    private final double minMeanLogprob;

    public ConfidenceFilter(CuratorConfig config) {
        this.minMeanLogprob = config.confidence().minMeanLogprob();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult apply(TeacherResponseEvent response) {
        List<TokenLogprob> tokens = response.tokens();
        if (tokens.isEmpty()) {
            return FilterResult.accept();
        }
        double sum = 0;
        for (TokenLogprob token : tokens) {
            sum += token.logprob();
        }
        double mean = sum / tokens.size();
        // NaN (a logprob the teacher could not give) is not confidence: it rejects too
        return mean >= minMeanLogprob
                ? FilterResult.accept()
                : FilterResult.reject("low-confidence", String.format(Locale.ROOT,
                        "mean token logprob %.4f over %d tokens is below the minimum %.4f", mean, tokens.size(),
                        minMeanLogprob));
    }
}
