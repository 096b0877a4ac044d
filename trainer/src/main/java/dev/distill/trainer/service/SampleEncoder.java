package dev.distill.trainer.service;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.distill.events.ChatMessage;
import dev.distill.events.EventCodec;
import dev.distill.events.TokenLogprob;
import dev.distill.model.ByteTokenizer;
import dev.distill.model.ChatTurn;
import dev.distill.model.EncodedExample;
import dev.distill.model.TeacherTargets;
import dev.distill.trainer.config.TrainerConfig.TooLong;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a stored sample into a training example, or says why it cannot be trained on, so that one bad sample is
 * left out instead of stopping the training thread. For a student that distils, the example carries the teacher's
 * top-k distributions where they project onto the answer; where they do not, it trains with cross-entropy.
 */
final class SampleEncoder {

    private static final TypeReference<List<ChatMessage>> MESSAGES = new TypeReference<>() { };
    private static final TypeReference<List<TokenLogprob>> TOKENS = new TypeReference<>() { };

    /** Why a sample is not trained on; {@code tag} is the metric's reason label. */
    enum DropReason {
        BAD_JSON("bad-json"),
        BAD_ROLE("bad-role"),
        NO_ANSWER_TOKENS("no-answer-tokens"),
        TOO_LONG("too-long");

        final String tag;

        DropReason(String tag) {
            this.tag = tag;
        }
    }

    sealed interface Encoding permits Kept, Dropped {
    }

    /**
     * A trainable example; {@code tooLong}: longer than the context, the trainer keeps only its newest tokens.
     * {@code teacher}: how the teacher's tokens projected onto the answer, null when the student does not distil.
     */
    record Kept(EncodedExample example, boolean tooLong, TeacherTargets.Outcome teacher) implements Encoding {
    }

    /** {@code detail} never quotes the sample's text, so it can be logged. */
    record Dropped(DropReason reason, String detail) implements Encoding {
    }

    private final ByteTokenizer tokenizer;
    private final int maxTokens;
    private final TooLong rule;
    private final boolean distill;

    /** {@code distill}: attach the teacher's distributions (loss kd); otherwise they are not even read. */
    SampleEncoder(ByteTokenizer tokenizer, int maxSeqLen, TooLong rule, boolean distill) {
        this.tokenizer = tokenizer;
        // an example of n tokens is n - 1 input positions (each predicts the next token), as the trainer batches it
        this.maxTokens = maxSeqLen + 1;
        this.rule = rule;
        this.distill = distill;
    }

    /** The longest example that fits the model's context without being cut. */
    int maxTokens() {
        return maxTokens;
    }

    /** {@code tokensJson}: the teacher's tokens as stored, null when the sample has none. */
    Encoding encode(String promptJson, String answer, String tokensJson) {
        List<ChatMessage> messages;
        try {
            messages = EventCodec.mapper().readValue(promptJson, MESSAGES);
        } catch (IOException e) {
            // Jackson's message quotes the input; the exception type is enough to tell what failed
            return new Dropped(DropReason.BAD_JSON, "stored prompt is not a list of chat messages ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (messages == null) {
            return new Dropped(DropReason.BAD_JSON, "stored prompt is JSON null");
        }
        List<ChatTurn> turns = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            if (!ChatTurn.ROLES.contains(message.role().toLowerCase(Locale.ROOT))) {
                return new Dropped(DropReason.BAD_ROLE, "role \"" + message.role() + "\" is not one of "
                        + ChatTurn.ROLES);
            }
            turns.add(new ChatTurn(message.role(), message.content()));
        }
        if (answer == null || answer.isEmpty()) {
            return new Dropped(DropReason.NO_ANSWER_TOKENS, "the answer is empty");
        }
        EncodedExample example = tokenizer.encodeExample(turns, answer);
        boolean tooLong = example.length() > maxTokens;
        if (tooLong && rule == TooLong.SKIP) {
            return new Dropped(DropReason.TOO_LONG, example.length() + " tokens, the model takes " + maxTokens);
        }
        if (!distill) {
            return new Kept(example, tooLong, null);
        }
        TeacherTargets targets = TeacherTargets.project(answer, tokens(tokensJson));
        return new Kept(example.withTeacher(targets), tooLong, targets.outcome());
    }

    /**
     * The stored teacher tokens. SampleStore writes them from a validated event, so only a row edited by hand can
     * fail to parse; such a sample still trains, with cross-entropy, and counts as having no tokens.
     */
    private static List<TokenLogprob> tokens(String tokensJson) {
        if (tokensJson == null) {
            return List.of();
        }
        try {
            List<TokenLogprob> tokens = EventCodec.mapper().readValue(tokensJson, TOKENS);
            return tokens == null ? List.of() : tokens;
        } catch (IOException e) {
            return List.of();
        }
    }
}
