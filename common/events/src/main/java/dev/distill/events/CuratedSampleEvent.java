package dev.distill.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A training sample that passed curation: the prompt plus the teacher's answer as the last assistant message. */
public record CuratedSampleEvent(
        int schemaVersion,
        String sampleId,
        String promptId,
        TeacherRef teacher,
        List<ChatMessage> messages,
        List<TokenLogprob> tokens,
        String skill,
        String split,
        Map<String, Double> quality,
        String datasetVersion,
        Instant createdAt) implements DistillEvent {

    public static final int SCHEMA_VERSION = 1;

    public CuratedSampleEvent {
        Require.version(schemaVersion, SCHEMA_VERSION, "CuratedSampleEvent");
        Require.present(sampleId, "sampleId");
        Require.present(promptId, "promptId");
        Require.present(teacher, "teacher");
        messages = Require.list(messages, "messages");
        if (messages.isEmpty() || !"assistant".equals(messages.get(messages.size() - 1).role())) {
            throw new IllegalArgumentException("messages must end with the assistant answer");
        }
        tokens = Require.optionalList(tokens);
        Require.present(split, "split");
        quality = quality == null ? Map.of() : Map.copyOf(quality);
        Require.present(datasetVersion, "datasetVersion");
        Require.present(createdAt, "createdAt");
    }

    @Override
    public String eventId() {
        return "sample:" + sampleId;
    }

    @Override
    public String key() {
        return promptId;
    }

    @Override
    public Instant time() {
        return createdAt;
    }
}
