package dev.distill.curator.dedup;

import java.util.Arrays;
import java.util.Set;

/**
 * The LSH bucket keys of one dataset version's stored near-dedup rows, in memory, mapping each key to the ids of the
 * rows that hold it. PostgreSQL keeps the rows; this index only says which rows a new sample must be compared with,
 * which a GIN index on a million rows answered in about a second per batch.
 *
 * <p>A posting is one long: the key's upper {@value #KEY_BITS} bits and a row number below them, so the postings of
 * a key sort next to each other and a lookup is a binary search. Two keys that agree on those bits make a stored row
 * a candidate it need not be (one in about 2^{@value #KEY_BITS} / postings per key looked up); the similarity check
 * then turns it away. Postings live in a large sorted array and a small one that takes each batch of additions; the
 * small one is merged into the large one once it holds an eighth as many, so an addition costs a few copies of the
 * small array and memory stays about 8 bytes per posting plus 8 per row (about 264 MB for a million rows of 32 bands).
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
    private long[] large = new long[0];
    private long[] small = new long[0];
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
        return 8L * (ids.length + large.length + small.length + added.length);
    }

    /** Adds a stored row with its bucket keys; ids must increase. */
    public void add(long id, long[] buckets) {
        if (id <= lastId) {
            throw new IllegalArgumentException("row ids must increase: " + id + " after " + lastId);
        }
        if (rows == MAX_ROWS) {
            throw new IllegalStateException("a near-dedup index holds at most " + MAX_ROWS + " rows per dataset version");
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

    /** Adds to {@code into} the ids of the rows that hold any of these bucket keys (or a key agreeing on its upper bits). */
    public void candidates(long[] buckets, Set<Long> into) {
        settle();
        for (long bucket : buckets) {
            collect(large, bucket, into);
            collect(small, bucket, into);
        }
    }

    private void collect(long[] postings, long bucket, Set<Long> into) {
        long key = bucket & ~ROW_MASK;
        int at = lowerBound(postings, key);
        while (at < postings.length && (postings[at] & ~ROW_MASK) == key) {
            into.add(ids[(int) (postings[at] & ROW_MASK)]);
            at++;
        }
    }

    /** The first index whose posting is at least {@code key} (signed order, as sorted). */
    private static int lowerBound(long[] postings, long key) {
        int low = 0;
        int high = postings.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (postings[mid] < key) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Sorts what was added since the last lookup into the small array, and the small into the large when due. */
    private void settle() {
        if (addedCount == 0) {
            return;
        }
        Arrays.sort(added, 0, addedCount);
        small = merge(small, small.length, added, addedCount);
        added = new long[1024];
        addedCount = 0;
        if (small.length >= Math.max(MIN_MERGE, large.length / 8)) {
            large = merge(large, large.length, small, small.length);
            small = new long[0];
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
}
