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

    public static CuratedSampleEvent curated(TeacherResponseEvent response, Instant now) {
        List<ChatMessage> messages = new ArrayList<>(response.messages());
        messages.add(ChatMessage.assistant(response.completion()));
        return new CuratedSampleEvent(CuratedSampleEvent.SCHEMA_VERSION, sampleId(response), response.promptId(),
                response.teacher(), messages, response.tokens(), response.skill(), response.split(),
                quality(response), datasetVersion(response), now);
    }

    public static RejectedSampleEvent rejected(TeacherResponseEvent response, Verdict verdict, Instant now) {
        return new RejectedSampleEvent(RejectedSampleEvent.SCHEMA_VERSION, response.promptId(), response.teacher(),
                verdict.filter(), verdict.reason(), verdict.detail(), response.skill(), response.split(), now);
    }

    /**
     * Scores for later selection (difficulty, confidence): the teacher's mean and lowest token logprob when it sent
     * logprobs, and the completion's length in tokens.
     */
    static Map<String, Double> quality(TeacherResponseEvent response) {
        Map<String, Double> quality = new LinkedHashMap<>();
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
