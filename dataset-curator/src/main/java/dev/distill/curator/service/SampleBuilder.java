package dev.distill.curator.service;

import dev.distill.curator.filter.Verdict;
import dev.distill.events.ChatMessage;
import dev.distill.events.CuratedSampleEvent;
import dev.distill.events.RejectedSampleEvent;
import dev.distill.events.TeacherResponseEvent;
import dev.distill.events.TokenLogprob;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Turns a teacher response and the chain's verdict into the event curation publishes. */
public final class SampleBuilder {

    private SampleBuilder() {
    }

    /** The dataset a response belongs to: one per teacher version, {@code <teacher name>@<version>}. */
    public static String datasetVersion(TeacherResponseEvent response) {
        return response.teacher().qualifiedVersion();
    }

    /** Deterministic, so a re-curated response gets the same id: a name-based UUID of promptId and teacher version. */
    public static String sampleId(TeacherResponseEvent response) {
        String name = response.promptId() + ":" + response.teacher().qualifiedVersion();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The sample as the chain left it (redacted, for instance); its quality scores say what the filters changed. */
    public static CuratedSampleEvent curated(TeacherResponseEvent response, Verdict verdict, Instant now) {
        List<ChatMessage> messages = new ArrayList<>(response.messages());
        messages.add(ChatMessage.assistant(response.completion()));
        return new CuratedSampleEvent(CuratedSampleEvent.SCHEMA_VERSION, sampleId(response), response.promptId(),
                response.teacher(), messages, response.tokens(), response.skill(), response.split(),
                quality(response, verdict), datasetVersion(response), now);
    }

    public static RejectedSampleEvent rejected(TeacherResponseEvent response, Verdict verdict, Instant now) {
        return new RejectedSampleEvent(RejectedSampleEvent.SCHEMA_VERSION, response.promptId(), response.teacher(),
                verdict.filter(), verdict.reason(), verdict.detail(), response.skill(), response.split(), now);
    }

    /**
     * Scores for later selection (difficulty, confidence): the teacher's mean and lowest token logprob when it sent
     * logprobs (a redacted sample has none left), the completion's length in tokens, and how many items of each kind
     * of personal data were redacted ({@code redacted.email}, ...).
     */
    static Map<String, Double> quality(TeacherResponseEvent response, Verdict verdict) {
        Map<String, Double> quality = new LinkedHashMap<>();
        verdict.changes().forEach((kind, n) -> quality.put("redacted." + kind, (double) n));
        List<TokenLogprob> tokens = response.tokens();
        if (!tokens.isEmpty()) {
            quality.put("meanLogprob", tokens.stream().mapToDouble(TokenLogprob::logprob).average().orElseThrow());
            quality.put("minLogprob", tokens.stream().mapToDouble(TokenLogprob::logprob).min().orElseThrow());
        }
        int length = response.usage().completionTokens() > 0 ? response.usage().completionTokens() : tokens.size();
        if (length > 0) {
            quality.put("completionTokens", (double) length);
        }
        return quality;
    }
}
