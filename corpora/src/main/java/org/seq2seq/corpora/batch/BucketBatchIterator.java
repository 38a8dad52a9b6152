package org.seq2seq.corpora.batch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
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
    private transient Deque<List<EncodedPair>> batches;
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
        PaddedBatch batch = PaddedBatch.of(batches.poll());
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
        cursor = source.open();
    }

    /** Reads the next pool and cuts it into batches; false when the source is exhausted. */
    private boolean fillPool() {
        List<EncodedPair> pool = new ArrayList<>(Math.min(poolSize, 1 << 16));
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
        if (pool.isEmpty()) {
            return false;
        }
        if (shuffle) {
            shuffle(pool);
        }
        if (bucketing) {
            pool.sort(Comparator.comparingInt((EncodedPair p) -> p.source().length)
                    .thenComparingInt(p -> p.target().length));
        }
        List<List<EncodedPair>> cut = new ArrayList<>();
        for (int i = 0; i < pool.size(); i += batchSize) {
            cut.add(pool.subList(i, Math.min(i + batchSize, pool.size())));
        }
        if (shuffle) {
            shuffle(cut);
        }
        batches.addAll(cut);
        return true;
    }

    private <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            list.set(j, list.set(i, list.get(j)));
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
