package org.seq2seq.corpora.batch;

/**
 * What a {@link BucketBatchIterator} did in one epoch so far.
 *
 * @param epoch            the epoch, from 0
 * @param pairsRead        pairs taken from the source
 * @param dropped          pairs left out for being over the length limits
 * @param truncated        pairs cut to the length limits
 * @param batches          batches handed out
 * @param pairsInBatches   pairs in those batches
 * @param realPositions    real tokens and decoder steps in those batches
 * @param paddedPositions  all positions of those batches' tensors, padding included
 */
public record EpochStats(int epoch, long pairsRead, long dropped, long truncated, long batches,
                         long pairsInBatches, long realPositions, long paddedPositions) {

    /** The share of tensor positions that are padding, from 0 to 1. */
    public double paddingFraction() {
        return paddedPositions == 0 ? 0 : 1.0 - (double) realPositions / paddedPositions;
    }

    EpochStats withRead(long read, long drop, long trunc) {
        return new EpochStats(epoch, pairsRead + read, dropped + drop, truncated + trunc, batches,
                pairsInBatches, realPositions, paddedPositions);
    }

    EpochStats withBatch(PaddedBatch batch) {
        return new EpochStats(epoch, pairsRead, dropped, truncated, batches + 1,
                pairsInBatches + batch.size(), realPositions + batch.realPositions(),
                paddedPositions + batch.paddedPositions());
    }
}
