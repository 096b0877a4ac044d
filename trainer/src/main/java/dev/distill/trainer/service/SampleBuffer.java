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
 * The training loop's view of the stored samples. New samples are trained on first, each at least once, in the order
 * they were stored; every batch that has room is topped up with replay from a {@link ReplayReservoir}, so that
 * earlier data is not forgotten while memory stays bounded. A sample that cannot be trained on is left out, counted
 * and logged. Used by the training thread only.
 *
 * <p>Everything random here depends only on the seed, the step and the samples, so a run resumed from a checkpoint
 * rebuilds the reservoir and draws the replay that the uninterrupted run would have.
 */
final class SampleBuffer {

    private static final int LOAD_PAGE = 2000;

    private final SampleEncoder encoder;
    private final BadSampleCounter badSamples;
    private final TeacherTargetCounter teacherTargets;
    private final ReplayReservoir reservoir;
    private final double replayRatio;
    private final long seed;
    private final Deque<Pending> unseen = new ArrayDeque<>();
    private final Set<String> teacherVersions = new LinkedHashSet<>();
    private long lastSeq;
    private long trainedSeq;

    private record Pending(long seq, EncodedExample example) {
    }

    /**
     * @param replayCapacity most samples kept for replay
     * @param replayRatio    share of a batch's token budget kept for replay while new samples wait (0 to 1)
     */
    SampleBuffer(SampleEncoder encoder, BadSampleCounter badSamples, TeacherTargetCounter teacherTargets,
            int replayCapacity, double replayRatio, long seed) {
        this.encoder = encoder;
        this.badSamples = badSamples;
        this.teacherTargets = teacherTargets;
        this.reservoir = new ReplayReservoir(replayCapacity, encoder.maxTokens(), seed);
        this.replayRatio = replayRatio;
        this.seed = seed;
    }

    /**
     * Loads samples stored since the last call. Samples up to {@code alreadyTrainedSeq} (from a checkpoint) go
     * straight into the reservoir, as they went when they were trained.
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
                if (sample.seq > alreadyTrainedSeq) {
                    unseen.add(new Pending(sample.seq, kept.example()));
                } else {
                    reservoir.offer(sample.seq, kept.example());
                    trainedSeq = sample.seq;
                }
                teacherVersions.add(sample.teacherVersion);
            }
            if (page.size() < LOAD_PAGE) {
                return;
            }
        }
    }

    /** Nothing to train on yet: no new sample and nothing to replay. */
    boolean isEmpty() {
        return unseen.isEmpty() && reservoir.size() == 0;
    }

    /** Samples in the replay reservoir. */
    int replaySize() {
        return reservoir.size();
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

    /**
     * The batch for step {@code step}, within {@code tokenBudget} padded tokens (rows x longest row). New samples go
     * first, in order, up to {@code 1 - replayRatio} of the budget (at least one); replay fills the rest from samples
     * no longer than the batch's length bucket, so it adds little padding. Without new samples, a replay-only batch
     * of one length bucket.
     */
    List<EncodedExample> nextBatch(int tokenBudget, long step) {
        Random random = new Random(seed ^ (step * 0x9E3779B97F4A7C15L));
        List<Pending> fresh = new ArrayList<>();
        List<EncodedExample> batch = new ArrayList<>();
        int longest = 0;
        long newBudget = Math.max(1, Math.round(tokenBudget * (1 - replayRatio)));
        while (!unseen.isEmpty()) {
            int length = Math.max(longest, cut(unseen.peek().example()));
            if (!batch.isEmpty() && (long) length * (batch.size() + 1) > newBudget) {
                break;
            }
            Pending next = unseen.poll();
            fresh.add(next);
            batch.add(next.example());
            longest = length;
        }
        int lowBucket = 0;
        if (batch.isEmpty()) {
            EncodedExample anchor = reservoir.anyOne(random);
            batch.add(anchor);
            longest = cut(anchor);
            lowBucket = ReplayReservoir.bucketOf(longest);
        }
        int highBucket = ReplayReservoir.bucketOf(longest);
        while (true) {
            EncodedExample replay = reservoir.draw(random, lowBucket, highBucket);
            int length = replay == null ? 0 : Math.max(longest, cut(replay));
            if (replay == null || (long) length * (batch.size() + 1) > tokenBudget) {
                break;
            }
            batch.add(replay);
            longest = length;
        }
        for (Pending trained : fresh) { // after the draws, so a new sample is not replayed in its own batch
            reservoir.offer(trained.seq(), trained.example());
            trainedSeq = trained.seq();
        }
        return batch;
    }

    /** The trainer cuts a too-long example to the context, so only that much counts against the budget. */
    private int cut(EncodedExample example) {
        return Math.min(example.length(), encoder.maxTokens());
    }
}
