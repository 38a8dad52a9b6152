package org.seq2seq.decoder.shortlist;

import java.util.Arrays;

/**
 * How many sentence pairs each (source id, target id) pair occurs in: a hash table of primitive
 * keys and counts (open addressing, linear probing), about 24 bytes per distinct pair at most.
 * When it holds more than its limit of distinct pairs, the rarest are dropped (the pairs seen in
 * fewest sentences, until at most half the limit is left): a shortlist keeps each source token's
 * most frequent partners, which a drop of the rarest does not touch until the limit is far too
 * small. Not thread-safe.
 */
final class CooccurrenceCounts {
    private static final long EMPTY = -1L;
    private final long limit;
    private long[] keys;
    private int[] counts;
    private int size;
    private int dropped;         // the largest count of a pair dropped so far

    /** @param limit the most distinct pairs kept, at least 1,024 */
    CooccurrenceCounts(long limit) {
        if (limit < 1024) {
            throw new IllegalArgumentException("a limit of " + limit + " distinct pairs; at least 1024");
        }
        this.limit = limit;
        allocate(1 << 16);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        counts = new int[capacity];
        size = 0;
    }

    /** Counts one more sentence pair in which source id {@code s} and target id {@code t} both occur. */
    void add(int s, int t) {
        long key = ((long) s << 32) | (t & 0xffffffffL);
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != EMPTY) {
            if (keys[i] == key) {
                counts[i]++;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        counts[i] = 1;
        size++;
        if (size > limit) {
            dropRarest();
        } else if (size * 2L > keys.length) {
            rehash(keys.length * 2);
        }
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        allocate(capacity);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldCounts[i]);
            }
        }
    }

    private void put(long key, int count) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        counts[i] = count;
        size++;
    }

    /**
     * Drops the pairs of the lowest counts: those counted at most t times, for the smallest t
     * that leaves at most half the limit. A pair dropped before starts again from 1, so only
     * pairs rarer than the held ones are lost for good.
     */
    private void dropRarest() {
        int bins = 1 << 12;
        long[] histogram = new long[bins];                   // pairs of each count, the last bin all larger ones
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                histogram[Math.min(counts[i], bins - 1)]++;
            }
        }
        long above = size;
        int threshold = 0;
        while (above > limit / 2 && threshold < bins - 1) {
            threshold++;
            above -= histogram[threshold];
        }
        dropped = Math.max(dropped, threshold);
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        allocate(oldKeys.length);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY && oldCounts[i] > threshold) {
                put(oldKeys[i], oldCounts[i]);
            }
        }
    }

    /** The largest count of a pair dropped so far: 0 when nothing was dropped. */
    int dropped() {
        return dropped;
    }

    /** Distinct pairs held. */
    int size() {
        return size;
    }

    /** Calls {@code visitor} with every pair held and its count, in no particular order. */
    void forEach(Visitor visitor) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                visitor.visit((int) (keys[i] >>> 32), (int) keys[i], counts[i]);
            }
        }
    }

    /** What {@link #forEach} calls. */
    interface Visitor {
        void visit(int source, int target, int count);
    }
}
