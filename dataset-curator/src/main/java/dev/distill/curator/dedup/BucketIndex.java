package dev.distill.curator.dedup;

import java.util.Arrays;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The LSH bucket keys of one dataset version's stored near-dedup rows, in memory, mapping each key to the ids of the
 * rows that hold it. PostgreSQL keeps the rows; this index only says which rows a new sample must be compared with,
 * which a GIN index on a million rows answered in about a second per batch.
 *
 * <p>A posting is one long: the key's upper {@value #KEY_BITS} bits and a row number below them, so the postings of
 * a key sort next to each other. Two keys that agree on those bits make a stored row a candidate it need not be (one
 * in about 2^{@value #KEY_BITS} / postings per key looked up); the similarity check then turns it away. Postings live
 * in a large sorted array and a small one that takes each batch of additions; the small one is merged into the large
 * one once it holds an eighth as many, so an addition costs a few copies of the small array. A directory over the
 * upper bits of each array (an int per four to eight postings) takes a lookup straight to the few postings that can
 * hold its key; a binary search over millions of postings was the curator's largest cost. Memory is about 9 bytes
 * per posting and 8 per row: about 300 MB for a million rows of 32 bands.
 *
 * <p>Rows must be added in increasing id order; {@link #lastId} says where to continue. Not thread-safe.
 */
public final class BucketIndex {

    static final int ROW_BITS = 26;
    static final int KEY_BITS = Long.SIZE - ROW_BITS;
    private static final long ROW_MASK = (1L << ROW_BITS) - 1;
    /** Rows one index can hold (row numbers must fit in {@link #ROW_BITS} bits). */
    public static final int MAX_ROWS = 1 << ROW_BITS;
    private static final int MIN_MERGE = 1 << 16;

    private long[] ids = new long[256];
    private int rows;
    private long lastId;
    private Postings large = Postings.EMPTY;
    private Postings small = Postings.EMPTY;
    private long[] added = new long[1024];
    private int addedCount;

    /** The highest row id added, 0 before any. */
    public long lastId() {
        return lastId;
    }

    public int rows() {
        return rows;
    }

    /** Heap held by the index's arrays. */
    public long bytes() {
        return 8L * (ids.length + added.length) + large.bytes() + small.bytes();
    }

    /** Adds a stored row with its bucket keys; ids must increase. */
    public void add(long id, long[] buckets) {
        if (id <= lastId) {
            throw new IllegalArgumentException("row ids must increase: " + id + " after " + lastId);
        }
        if (rows == MAX_ROWS) {
            throw new IllegalStateException("a near-dedup index holds at most " + MAX_ROWS
                    + " rows per dataset version");
        }
        if (rows == ids.length) {
            ids = Arrays.copyOf(ids, ids.length * 2);
        }
        ids[rows] = id;
        if (addedCount + buckets.length > added.length) {
            added = Arrays.copyOf(added, Math.max(added.length * 2, addedCount + buckets.length));
        }
        for (long bucket : buckets) {
            added[addedCount++] = posting(bucket, rows);
        }
        rows++;
        lastId = id;
    }

    /** Adds to {@code into} the ids of the rows holding any of these keys (or a key agreeing on its upper bits). */
    public void candidates(long[] buckets, Set<Long> into) {
        settle();
        for (long bucket : buckets) {
            long key = bucket & ~ROW_MASK;
            large.rows(key, row -> into.add(ids[row]));
            small.rows(key, row -> into.add(ids[row]));
        }
    }

    /** Sorts what was added since the last lookup into the small array, and the small into the large when due. */
    private void settle() {
        if (addedCount == 0) {
            return;
        }
        Arrays.sort(added, 0, addedCount);
        long[] merged = merge(small.values, small.values.length, added, addedCount);
        added = new long[1024];
        addedCount = 0;
        if (merged.length >= Math.max(MIN_MERGE, large.values.length / 8)) {
            large = new Postings(merge(large.values, large.values.length, merged, merged.length));
            small = Postings.EMPTY;
        } else {
            small = new Postings(merged);
        }
    }

    private static long[] merge(long[] a, int aLength, long[] b, int bLength) {
        if (aLength == 0) {
            return Arrays.copyOf(b, bLength);
        }
        long[] out = new long[aLength + bLength];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < aLength && j < bLength) {
            out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
        }
        System.arraycopy(a, i, out, k, aLength - i);
        System.arraycopy(b, j, out, k + aLength - i, bLength - j);
        return out;
    }

    private static long posting(long bucket, int row) {
        return (bucket & ~ROW_MASK) | row;
    }

    /** Sorted postings and, per value of their upper {@code bits} bits, where the postings with that value begin. */
    private static final class Postings {

        static final Postings EMPTY = new Postings(new long[0]);

        final long[] values;
        private final int bits;
        private final int[] directory;

        Postings(long[] values) {
            this.values = values;
            // about four to eight postings per directory entry
            this.bits = Math.max(0, 63 - Long.numberOfLeadingZeros(Math.max(1, values.length / 4)));
            this.directory = new int[(1 << bits) + 1];
            int at = 0;
            for (int slot = 0; slot < directory.length - 1; slot++) {
                while (at < values.length && slot(values[at]) < slot) {
                    at++;
                }
                directory[slot] = at;
            }
            directory[directory.length - 1] = values.length;
        }

        /** Passes the row of every posting of {@code key} (a bucket key with its row bits cleared). */
        void rows(long key, IntConsumer row) {
            int slot = slot(key);
            for (int at = directory[slot], end = directory[slot + 1]; at < end; at++) {
                if ((values[at] & ~ROW_MASK) == key) {
                    row.accept((int) (values[at] & ROW_MASK));
                }
            }
        }

        long bytes() {
            return 8L * values.length + 4L * directory.length;
        }

        /** The upper bits in an order that agrees with the signed order the postings are sorted in. */
        private int slot(long posting) {
            return bits == 0 ? 0 : (int) ((posting ^ Long.MIN_VALUE) >>> (Long.SIZE - bits));
        }
    }
}
