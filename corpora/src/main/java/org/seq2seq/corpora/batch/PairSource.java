package org.seq2seq.corpora.batch;

import java.util.OptionalLong;

/** Where a {@link BucketBatchIterator} gets its pairs: a new pass, from the first pair, for every epoch. */
public interface PairSource {

    /** Starts a pass over all pairs, in their stored order. The caller closes it. */
    PairCursor open();

    /**
     * Starts a pass over all pairs in an order drawn from {@code order}: sources stored in parts
     * (shards) read their parts in a new order for every value; others keep their stored order.
     * The same value gives the same order. The caller closes it.
     */
    default PairCursor open(long order) {
        return open();
    }

    /** The number of pairs a pass delivers, if known without a pass. */
    default OptionalLong size() {
        return OptionalLong.empty();
    }
}
