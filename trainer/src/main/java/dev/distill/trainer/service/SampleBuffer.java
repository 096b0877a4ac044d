package dev.distill.trainer.service;

import dev.distill.model.EncodedExample;
import dev.distill.trainer.domain.TrainingSample;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The training loop's view of the stored samples: new ones are trained on first, each at least once, and the
 * rest of every batch is replayed from everything seen so far, so earlier data is not forgotten. A sample that
 * cannot be trained on is left out, counted and logged. Used by the training thread only.
 */
final class SampleBuffer {

    private static final int LOAD_PAGE = 2000;

    private final SampleEncoder encoder;
    private final BadSampleCounter badSamples;
    private final TeacherTargetCounter teacherTargets;
    private final Random random;
    private final List<EncodedExample> all = new ArrayList<>();
    private final List<Long> seqs = new ArrayList<>();
    private final Deque<Integer> unseen = new ArrayDeque<>();
    private final Set<String> teacherVersions = new LinkedHashSet<>();
    private long lastSeq;
    private long trainedSeq;

    SampleBuffer(SampleEncoder encoder, BadSampleCounter badSamples, TeacherTargetCounter teacherTargets, long seed) {
        this.encoder = encoder;
        this.badSamples = badSamples;
        this.teacherTargets = teacherTargets;
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
                lastSeq = sample.seq;
                SampleEncoder.Encoding encoding = encoder.encode(sample.promptJson, sample.answer,
                        sample.tokensJson);
                if (encoding instanceof SampleEncoder.Dropped dropped) {
                    badSamples.dropped(sample.sampleId, sample.seq, dropped);
                    if (unseen.isEmpty()) {
                        trainedSeq = sample.seq; // nothing earlier is waiting, so a checkpoint may cover this one
                    }
                    continue;
                }
                SampleEncoder.Kept kept = (SampleEncoder.Kept) encoding;
                if (kept.tooLong()) {
                    badSamples.truncated(sample.sampleId, sample.seq, kept.example().length(), encoder.maxTokens());
                }
                if (kept.teacher() != null) {
                    teacherTargets.counted(kept.teacher());
                }
                all.add(kept.example());
                seqs.add(sample.seq);
                if (sample.seq > alreadyTrainedSeq) {
                    unseen.add(all.size() - 1);
                } else {
                    trainedSeq = sample.seq;
                }
                teacherVersions.add(sample.teacherVersion);
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
            // the trainer cuts a too-long example to the context, so only that much counts against the budget
            int length = Math.max(longest, Math.min(next.length(), encoder.maxTokens()));
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
}
