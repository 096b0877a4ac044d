package dev.distill.trainer.service;

import dev.distill.model.EncodedExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The samples kept for replay: a uniform sample of every sample trained so far (reservoir sampling, Algorithm R), at
 * most {@code capacity} of them, grouped by length so that a batch can be filled with samples of similar length.
 *
 * <p>Whether the n-th sample offered replaces a kept one is decided by a generator seeded with the seed and the
 * sample's sequence number, so offering the same samples in the same order rebuilds the same reservoir: that is
 * how a resumed trainer gets back the reservoir it had at its checkpoint.
 */
final class ReplayReservoir {

    /** Tokens per length bucket. */
    static final int BUCKET_WIDTH = 16;

    private final int capacity;
    private final long seed;
    private final List<EncodedExample> examples = new ArrayList<>();
    /** Per bucket, the indices into {@code examples} of its members. */
    private final List<List<Integer>> buckets = new ArrayList<>();
    private final List<Integer> bucketOfSlot = new ArrayList<>();
    private final List<Integer> positionInBucket = new ArrayList<>();
    private long offered;

    ReplayReservoir(int capacity, int maxTokens, long seed) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the replay capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.seed = seed;
        for (int b = 0; b <= bucketOf(maxTokens); b++) {
            buckets.add(new ArrayList<>());
        }
    }

    static int bucketOf(int length) {
        return Math.max(0, length - 1) / BUCKET_WIDTH;
    }

    int size() {
        return examples.size();
    }

    /** Offers a trained sample; {@code seq} is its sequence number in the sample store. */
    void offer(long seq, EncodedExample example) {
        offered++;
        if (examples.size() < capacity) {
            examples.add(example);
            bucketOfSlot.add(-1);
            positionInBucket.add(-1);
            place(examples.size() - 1, example);
            return;
        }
        long slot = new Random(seed ^ (seq * 0xC2B2AE3D27D4EB4FL)).nextLong(offered);
        if (slot < capacity) {
            int s = (int) slot;
            remove(s);
            examples.set(s, example);
            place(s, example);
        }
    }

    /** A kept sample chosen uniformly; the reservoir must not be empty. */
    EncodedExample anyOne(Random random) {
        return examples.get(random.nextInt(examples.size()));
    }

    /** A kept sample chosen uniformly among those of buckets {@code low..high}; null if they are empty. */
    EncodedExample draw(Random random, int low, int high) {
        int last = Math.min(high, buckets.size() - 1);
        int total = 0;
        for (int b = low; b <= last; b++) {
            total += buckets.get(b).size();
        }
        if (total == 0) {
            return null;
        }
        int k = random.nextInt(total);
        for (int b = low; b <= last; b++) {
            List<Integer> members = buckets.get(b);
            if (k < members.size()) {
                return examples.get(members.get(k));
            }
            k -= members.size();
        }
        throw new IllegalStateException("unreachable: " + k + " beyond " + total);
    }

    private void place(int slot, EncodedExample example) {
        int bucket = Math.min(bucketOf(example.length()), buckets.size() - 1); // a too-long one trains cut
        List<Integer> members = buckets.get(bucket);
        bucketOfSlot.set(slot, bucket);
        positionInBucket.set(slot, members.size());
        members.add(slot);
    }

    /** Takes a slot out of its bucket by moving the bucket's last member into its place. */
    private void remove(int slot) {
        List<Integer> members = buckets.get(bucketOfSlot.get(slot));
        int position = positionInBucket.get(slot);
        int moved = members.remove(members.size() - 1);
        if (moved != slot) {
            members.set(position, moved);
            positionInBucket.set(moved, position);
        }
    }
}
