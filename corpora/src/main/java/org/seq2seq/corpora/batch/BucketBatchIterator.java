package org.seq2seq.corpora.batch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out training batches ({@link PaddedBatch} layout) epoch after epoch, grouping pairs of
 * similar length so that batches carry little padding.
 *
 * <p>For every epoch it reads the {@link PairSource} in pools of {@code poolSize} pairs (by
 * default all of them); each pool is shuffled, sorted by source then target length (the shuffle
 * breaks ties at random), cut into batches of {@code batchSize}, and the batches' order is
 * shuffled. Pairs over the {@link LengthLimits} are dropped or truncated and counted. The same
 * seed gives the same batches; every epoch has its own order, drawn from the seed and the epoch
 * number, so that a run resumed at epoch k sees what an uninterrupted one would.
 *
 * <p>{@link #reset()} moves on to the next epoch (it does nothing before the first batch of an
 * epoch was taken, so a fresh iterator can be reset safely); {@link #setEpoch} jumps to an
 * epoch. Not thread-safe. Close it to close a streamed file.
 */
public final class BucketBatchIterator implements MultiDataSetIterator, AutoCloseable {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(BucketBatchIterator.class);
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long ORDER_SALT = 0x632BE59BD9B4E019L;

    private final transient PairSource source;
    private final int batchSize;
    private final int poolSize;
    private final boolean shuffle;
    private final boolean bucketing;
    private final long seed;
    private final LengthLimits limits;
    private final DataType dataType;
    private transient MultiDataSetPreProcessor preProcessor;

    private int epoch;
    private transient SplittableRandom random;
    private transient PairCursor cursor;
    /** The pairs of the pool being handed out, as flat arrays reused from pool to pool. */
    private transient Pool pool = new Pool();
    /** The pool's batches still to hand out, each as its first and end position in the pool's batch order. */
    private transient Deque<int[]> batches;
    private boolean started;
    private boolean sourceDone;
    private EpochStats stats;

    private BucketBatchIterator(Builder b) {
        this.source = b.source;
        this.batchSize = b.batchSize;
        this.poolSize = b.poolSize;
        this.shuffle = b.shuffle;
        this.bucketing = b.bucketing;
        this.seed = b.seed;
        this.limits = b.limits;
        this.dataType = b.dataType;
        startEpoch(0);
    }

    public static Builder builder(PairSource source) {
        return new Builder(source);
    }

    /** The epoch being handed out, from 0. */
    public int epoch() {
        return epoch;
    }

    /** What this epoch has handed out so far. */
    public EpochStats stats() {
        return stats;
    }

    /** Restarts at {@code epoch}, with that epoch's order: for resuming a training run. */
    public void setEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be 0 or more, got " + epoch);
        }
        startEpoch(epoch);
    }

    @Override
    public boolean hasNext() {
        while (batches.isEmpty()) {
            if (sourceDone || !fillPool()) {
                return false;
            }
        }
        return true;
    }

    /** The next batch in tensor form; {@link #nextBatch()} without the tensors. */
    @Override
    public MultiDataSet next() {
        MultiDataSet data = nextBatch().toMultiDataSet(dataType);
        if (preProcessor != null) {
            preProcessor.preProcess(data);
        }
        return data;
    }

    /** The next batch as Java arrays. */
    public PaddedBatch nextBatch() {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " has no more batches; reset() for the next");
        }
        started = true;
        int[] range = batches.poll();
        PaddedBatch batch = PaddedBatch.of(pool.pairs(range[0], range[1]));
        stats = stats.withBatch(batch);
        if (!hasNext()) {
            logEpochEnd();
        }
        return batch;
    }

    /** Not supported: the batch size is fixed when the iterator is built. */
    @Override
    public MultiDataSet next(int num) {
        throw new UnsupportedOperationException("the batch size is set on the builder (" + batchSize + ")");
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    /** Moves on to the next epoch; does nothing if no batch of this epoch was taken yet. */
    @Override
    public void reset() {
        if (started) {
            startEpoch(epoch + 1);
        }
    }

    @Override
    public void close() {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
    }

    private void startEpoch(int e) {
        close();
        epoch = e;
        random = new SplittableRandom(seed + GOLDEN_GAMMA * (e + 1L));
        batches = new ArrayDeque<>();
        started = false;
        sourceDone = false;
        stats = new EpochStats(e, 0, 0, 0, 0, 0, 0, 0);
        cursor = source.open(order(e));
    }

    /** The order a source stored in parts reads them in during epoch {@code e}: from the seed and the epoch. */
    private long order(int e) {
        return new SplittableRandom(seed ^ ORDER_SALT).nextLong() + GOLDEN_GAMMA * (e + 1L);
    }

    /**
     * Reads the next pool and cuts it into batches; false when the source is exhausted. The pool
     * is shuffled, sorted stably by source then target length and cut, and the batches' order is
     * shuffled, all on positions into flat arrays: no object per pair stays alive, so a pool of
     * a million pairs costs its tokens' ints and a few ints a pair.
     */
    private boolean fillPool() {
        pool.clear();
        long read = 0;
        long dropped = 0;
        long truncated = 0;
        while (pool.size() < poolSize && cursor.hasNext()) {
            EncodedPair pair = cursor.next();
            read++;
            if (limits.exceeds(pair)) {
                if (limits.overflow() == LengthLimits.Overflow.DROP) {
                    dropped++;
                    continue;
                }
                pair = limits.truncate(pair);
                truncated++;
            }
            pool.add(pair);
        }
        stats = stats.withRead(read, dropped, truncated);
        if (pool.size() < poolSize) {
            sourceDone = true;
            close();
        }
        int n = pool.size();
        if (n == 0) {
            return false;
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            shuffle(order);
        }
        if (bucketing) {
            order = pool.sortByLength(order);
        }
        pool.order(order);
        int[] cut = new int[(n + batchSize - 1) / batchSize];
        for (int b = 0; b < cut.length; b++) {
            cut[b] = b;
        }
        if (shuffle) {
            shuffle(cut);
        }
        for (int b : cut) {
            batches.add(new int[] {b * batchSize, Math.min((b + 1) * batchSize, n)});
        }
        return true;
    }

    /** The same swaps as shuffling a list of this length (Fisher-Yates from the end). */
    private void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** A pool's pairs as flat arrays, grown as needed and reused for the next pool. */
    private static final class Pool {
        private int[] tokens = new int[1 << 12];
        private int[] starts = new int[1 << 8];
        private int[] sourceLengths = new int[1 << 8];
        private int[] targetLengths = new int[1 << 8];
        private int[] order = new int[0];
        private int size;
        private int used;

        void clear() {
            size = 0;
            used = 0;
        }

        int size() {
            return size;
        }

        void add(EncodedPair pair) {
            int[] s = pair.source();
            int[] t = pair.target();
            if (size == starts.length) {
                int grown = size + Math.max(size >> 1, 16);
                starts = Arrays.copyOf(starts, grown);
                sourceLengths = Arrays.copyOf(sourceLengths, grown);
                targetLengths = Arrays.copyOf(targetLengths, grown);
            }
            long need = (long) used + s.length + t.length;
            if (need > tokens.length) {
                if (need > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("a pool of " + size + " pairs holds more than 2^31 tokens: "
                            + "choose a smaller pool size");
                }
                tokens = Arrays.copyOf(tokens, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need,
                        used + (long) (used >> 1))));
            }
            starts[size] = used;
            sourceLengths[size] = s.length;
            targetLengths[size] = t.length;
            System.arraycopy(s, 0, tokens, used, s.length);
            System.arraycopy(t, 0, tokens, used + s.length, t.length);
            used = (int) need;
            size++;
        }

        /**
         * {@code order} sorted stably by source length, ties by target length: two counting
         * sorts, target length first (what {@code List.sort} gives, in linear time).
         */
        int[] sortByLength(int[] order) {
            return byLength(byLength(order, targetLengths), sourceLengths);
        }

        private int[] byLength(int[] order, int[] lengths) {
            int max = 0;
            for (int i : order) {
                max = Math.max(max, lengths[i]);
            }
            int[] counts = new int[max + 2];
            for (int i : order) {
                counts[lengths[i] + 1]++;
            }
            for (int k = 1; k < counts.length; k++) {
                counts[k] += counts[k - 1];
            }
            int[] sorted = new int[order.length];
            for (int i : order) {
                sorted[counts[lengths[i]]++] = i;
            }
            return sorted;
        }

        void order(int[] order) {
            this.order = order;
        }

        /** The pairs at positions {@code from} (inclusive) to {@code to} of the pool's order. */
        List<EncodedPair> pairs(int from, int to) {
            List<EncodedPair> pairs = new ArrayList<>(to - from);
            for (int k = from; k < to; k++) {
                int i = order[k];
                int at = starts[i];
                int[] source = Arrays.copyOfRange(tokens, at, at + sourceLengths[i]);
                int[] target = Arrays.copyOfRange(tokens, at + sourceLengths[i], at + sourceLengths[i]
                        + targetLengths[i]);
                pairs.add(new EncodedPair(source, target));
            }
            return pairs;
        }
    }

    private void logEpochEnd() {
        if (!sourceDone) {
            return;
        }
        if (stats.dropped() > 0 || stats.truncated() > 0) {
            log.info("epoch {}: {} pairs in {} batches; {} dropped and {} truncated for the length limits "
                            + "(source {}, target {} tokens)", epoch, stats.pairsInBatches(), stats.batches(),
                    stats.dropped(), stats.truncated(), limits.maxSourceTokens(), limits.maxTargetTokens());
        } else {
            log.debug("epoch {}: {} pairs in {} batches, {} padding", epoch, stats.pairsInBatches(),
                    stats.batches(), String.format("%.1f%%", 100 * stats.paddingFraction()));
        }
    }

    /** Builds a {@link BucketBatchIterator}; every setting has a default but the source. */
    public static final class Builder {
        private final PairSource source;
        private int batchSize = 64;
        private int poolSize = Integer.MAX_VALUE;
        private boolean shuffle = true;
        private boolean bucketing = true;
        private long seed = 42;
        private LengthLimits limits = LengthLimits.drop(100, 100);
        private DataType dataType = DataType.FLOAT;

        private Builder(PairSource source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        /** Pairs per batch (the last batch of a pool may have fewer); default 64. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Pairs read, sorted and batched together; default all of them. Bound it for corpora too
         * big for memory: a hundred batches is plenty for little padding.
         */
        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        /** Whether to shuffle pairs and batches (training) or keep their order (evaluation); default true. */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Whether to sort each pool by length before cutting it into batches; default true. */
        public Builder bucketing(boolean bucketing) {
            this.bucketing = bucketing;
            return this;
        }

        /** Seed of the shuffles; default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Default: drop pairs with more than 100 tokens on a side. */
        public Builder lengthLimits(LengthLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Type of the tensors; default FLOAT. */
        public Builder dataType(DataType dataType) {
            this.dataType = Objects.requireNonNull(dataType, "dataType");
            return this;
        }

        public BucketBatchIterator build() {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            if (poolSize < batchSize) {
                throw new IllegalArgumentException("pool size (" + poolSize + ") must be at least the batch size ("
                        + batchSize + ")");
            }
            if (!dataType.isFPType()) {
                throw new IllegalArgumentException("tensors must be of a floating-point type, got " + dataType);
            }
            return new BucketBatchIterator(this);
        }
    }
}
