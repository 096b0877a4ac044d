package dev.distill.curator.filter;

import dev.distill.curator.config.CuratorConfig;
import dev.distill.events.TeacherResponseEvent;
import dev.distill.skills.FinalAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rejects refusals ("I'm sorry, but I can't help with that."): a completion in which one of the configured patterns
 * (case-insensitive, any language) is found. A completion that still ends with a final answer ({@code #### <answer>})
 * answered, whatever it apologised for, and passes.
 */
@ApplicationScoped
public class RefusalFilter implements SampleFilter {

    public static final String NAME = "refusal";

    private final List<Pattern> patterns;

    public RefusalFilter(CuratorConfig config) {
        this.patterns = config.refusal().patterns().stream()
                .map(pattern -> Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                .toList();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult apply(TeacherResponseEvent response) {
        String completion = response.completion();
        if (FinalAnswer.extract(completion).isPresent()) {
            return FilterResult.accept();
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(completion).find()) {
                return FilterResult.reject("refusal", "the completion matches the refusal pattern " + pattern.pattern());
            }
        }
        return FilterResult.accept();
    }
}
