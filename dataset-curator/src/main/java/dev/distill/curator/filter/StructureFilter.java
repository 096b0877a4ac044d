package dev.distill.curator.filter;

import dev.distill.events.TeacherResponseEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** Rejects answers with nothing in them (refusals and tool calls arrive as an empty completion). */
@ApplicationScoped
public class StructureFilter implements SampleFilter {

    public static final String NAME = "structure";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult apply(TeacherResponseEvent response) {
        return response.completion().isBlank()
                ? FilterResult.reject("empty", "the completion is empty (finish_reason " + response.finishReason() + ")")
                : FilterResult.accept();
    }
}
