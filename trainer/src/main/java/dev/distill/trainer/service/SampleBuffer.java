package dev.distill.trainer.service;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.distill.events.ChatMessage;
import dev.distill.events.EventCodec;
import dev.distill.model.ByteTokenizer;
import dev.distill.model.ChatTurn;
import dev.distill.model.EncodedExample;
import dev.distill.trainer.domain.TrainingSample;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The training loop's view of the stored samples: new ones are trained on first, each at least once, and the
 * rest of every batch is replayed from everything seen so far, so earlier data is not forgotten.
 * Used by the training thread only.
 */
final class SampleBuffer {

    private static final TypeReference<List<ChatMessage>> MESSAGES = new TypeReference<>() { };
    private static final int LOAD_PAGE = 2000;

    private final ByteTokenizer tokenizer;
    private final Random random;
    private final List<EncodedExample> all = new ArrayList<>();
    private final List<Long> seqs = new ArrayList<>();
    private final Deque<Integer> unseen = new ArrayDeque<>();
    private final Set<String> teacherVersions = new LinkedHashSet<>();
    private long lastSeq;
    private long trainedSeq;

    SampleBuffer(ByteTokenizer tokenizer, long seed) {
        this.tokenizer = tokenizer;
        this.random = new Random(seed);
    }

    /**
     * Loads samples stored since the last call. Samples up to {@code alreadyTrainedSeq} (from a checkpoint)
     * join the replay pool without being queued as new.
     */
    void refresh(long alreadyTrainedSeq) {
        while (true) {
            List<TrainingSample> page = QuarkusTransaction.requiringNew().call(() -> TrainingSample.after(lastSeq, LOAD_PAGE));
            for (TrainingSample sample : page) {
                all.add(tokenizer.encodeExample(turns(sample.promptJson), sample.answer));
                seqs.add(sample.seq);
                if (sample.seq > alreadyTrainedSeq) {
                    unseen.add(all.size() - 1);
                } else {
                    trainedSeq = sample.seq;
                }
                teacherVersions.add(sample.teacherVersion);
                lastSeq = sample.seq;
            }
            if (page.size() < LOAD_PAGE) {
                return;
            }
        }
    }

    boolean isEmpty() {
        return all.isEmpty();
    }

    int size() {
        return all.size();
    }

    int unseenCount() {
        return unseen.size();
    }

    /** The highest sample sequence number that has been put in a batch at least once. */
    long trainedSeq() {
        return trainedSeq;
    }

    Set<String> teacherVersions() {
        return teacherVersions;
    }

    /** New samples first, then random replay, while rows x longest row stays within the token budget. */
    List<EncodedExample> nextBatch(int tokenBudget) {
        List<EncodedExample> batch = new ArrayList<>();
        int longest = 0;
        while (true) {
            boolean fresh = !unseen.isEmpty();
            EncodedExample next = all.get(fresh ? unseen.peek() : random.nextInt(all.size()));
            int length = Math.max(longest, next.length());
            if (!batch.isEmpty() && (long) length * (batch.size() + 1) > tokenBudget) {
                return batch;
            }
            if (fresh) {
                trainedSeq = seqs.get(unseen.poll());
            }
            batch.add(next);
            longest = length;
        }
    }

    private static List<ChatTurn> turns(String promptJson) {
        try {
            return EventCodec.mapper().readValue(promptJson, MESSAGES).stream()
                    .map(m -> new ChatTurn(m.role(), m.content())).toList();
        } catch (IOException e) {
            throw new IllegalStateException("stored prompt is not valid JSON", e);
        }
    }
}
