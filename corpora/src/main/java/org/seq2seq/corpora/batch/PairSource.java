package org.seq2seq.corpora.batch;

/** Where a {@link BucketBatchIterator} gets its pairs: a new pass, from the first pair, for every epoch. */
public interface PairSource {

    /** Starts a pass over all pairs, in their stored order. The caller closes it. */
    PairCursor open();
}
