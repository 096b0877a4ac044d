package dev.distill.curator.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BucketIndexTest {

    /** Rows added in batches of varying size, looked up between batches (so both arrays and their merges are used). */
    @Test
    void findsEveryRowSharingAKeyAndNoOther() {
        Random random = new Random(11);
        BucketIndex index = new BucketIndex();
        Map<Long, List<Long>> rowsByKey = new HashMap<>();
        List<long[]> stored = new ArrayList<>();
        long id = 0;
        for (int batch = 0; batch < 60; batch++) {
            int size = 1 + random.nextInt(batch < 50 ? 600 : 20_000);
            for (int i = 0; i < size; i++) {
                id += 1 + random.nextInt(3); // ids increase with gaps, as a sequence after rollbacks
                long[] buckets = new long[8];
                for (int b = 0; b < buckets.length; b++) {
                    // some keys shared by several rows, as near-duplicates share bands
                    buckets[b] = random.nextInt(10) == 0 && !stored.isEmpty()
                            ? stored.get(random.nextInt(stored.size()))[b] : random.nextLong();
                }
                index.add(id, buckets);
                stored.add(buckets);
                for (long bucket : buckets) {
                    rowsByKey.computeIfAbsent(bucket, k -> new ArrayList<>()).add(id);
                }
            }
            for (int probe = 0; probe < 50; probe++) {
                long[] buckets = random.nextBoolean() ? stored.get(random.nextInt(stored.size())).clone()
                        : new long[] {random.nextLong(), random.nextLong()};
                if (buckets.length > 2) {
                    buckets[random.nextInt(buckets.length)] = random.nextLong(); // a partial match
                }
                Set<Long> expected = new HashSet<>();
                for (long bucket : buckets) {
                    expected.addAll(rowsByKey.getOrDefault(bucket, List.of()));
                }
                Set<Long> found = new HashSet<>();
                index.candidates(buckets, found);
                assertThat(found).as("batch %d probe %d", batch, probe).isEqualTo(expected);
            }
        }
        assertThat(index.rows()).isEqualTo(stored.size());
        assertThat(index.lastId()).isEqualTo(id);
        assertThat(index.bytes()).as("8 bytes a posting, about").isLessThan(8L * 9 * stored.size() * 2 + 100_000);
    }

    @Test
    void keysAgreeingOnTheirUpperBitsAreCandidates() {
        BucketIndex index = new BucketIndex();
        index.add(1, new long[] {0x1234_5678_9000_0000L});
        Set<Long> found = new HashSet<>();
        index.candidates(new long[] {0x1234_5678_9000_0000L | 12345}, found); // differs only in the row bits
        assertThat(found).containsExactly(1L);
        found.clear();
        index.candidates(new long[] {0x1234_5678_9400_0000L}, found);
        assertThat(found).isEmpty();
    }

    @Test
    void idsMustIncrease() {
        BucketIndex index = new BucketIndex();
        index.add(5, new long[] {1});
        assertThatThrownBy(() -> index.add(5, new long[] {2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must increase");
        assertThat(index.lastId()).isEqualTo(5);
    }
}
