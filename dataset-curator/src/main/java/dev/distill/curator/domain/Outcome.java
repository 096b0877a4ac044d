package dev.distill.curator.domain;

import dev.distill.curator.filter.Verdict;
import dev.distill.events.ChatMessage;
import dev.distill.events.CuratedSampleEvent;
import dev.distill.events.DistillEvent;
import dev.distill.events.RejectedSampleEvent;
import dev.distill.events.TeacherRef;
import java.util.List;

/**
 * What curation decided for one response: the event to publish (a CuratedSampleEvent or a RejectedSampleEvent), the
 * chain's verdict, and for a rejection the prompt as curation saw it (redacted), which its event does not carry.
 */
public record Outcome(DistillEvent event, Verdict verdict, List<ChatMessage> rejectedPrompt) {

    public static Outcome curated(CuratedSampleEvent sample, Verdict verdict) {
        return new Outcome(sample, verdict, null);
    }

    public static Outcome rejected(RejectedSampleEvent rejection, Verdict verdict, List<ChatMessage> prompt) {
        return new Outcome(rejection, verdict, prompt);
    }

    public boolean isCurated() {
        return event instanceof CuratedSampleEvent;
    }

    public ResponseKey key() {
        return key(event);
    }

    static ResponseKey key(DistillEvent event) {
        TeacherRef teacher = event instanceof CuratedSampleEvent c ? c.teacher() : ((RejectedSampleEvent) event).teacher();
        return ResponseKey.of(event.key(), teacher);
    }
}
