package dev.distill.events;

import java.time.Instant;
import java.util.List;

/**
 * A prompt of a benchmark suite the evaluator scores against, published on the compacted
 * {@code distill.suite-prompts} so that the curator can keep benchmark prompts out of training data. Keyed by
 * suite and prompt; a tombstone (null value) under the key withdraws the prompt.
 */
public record SuitePromptEvent(
        int schemaVersion,
        String suite,
        String promptId,
        String skill,
        List<ChatMessage> messages,
        Instant createdAt) implements DistillEvent {

    public static final int SCHEMA_VERSION = 1;

    public SuitePromptEvent {
        Require.version(schemaVersion, SCHEMA_VERSION, "SuitePromptEvent");
        Require.present(suite, "suite");
        Require.present(promptId, "promptId");
        messages = Require.list(messages, "messages");
        Require.present(createdAt, "createdAt");
    }

    public static String keyOf(String suite, String promptId) {
        return suite + "/" + promptId;
    }

    @Override
    public String eventId() {
        return "suite-prompt:" + key();
    }

    @Override
    public String key() {
        return keyOf(suite, promptId);
    }

    @Override
    public Instant time() {
        return createdAt;
    }
}
