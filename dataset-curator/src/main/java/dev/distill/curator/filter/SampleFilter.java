package dev.distill.curator.filter;

import dev.distill.events.TeacherResponseEvent;

/** A rule that judges one response on its own: no state, so the chain may run it anywhere, in any thread. */
public interface SampleFilter extends CurationFilter {

    FilterResult apply(TeacherResponseEvent response);
}
