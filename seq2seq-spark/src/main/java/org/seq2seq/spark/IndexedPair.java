package org.seq2seq.spark;

import java.io.Serializable;
import org.seq2seq.corpora.batch.EncodedPair;

/**
 * A sentence pair as token ids with its place in the corpus, the form partitions hold.
 *
 * @param index  the pair's place in the corpus, from 0
 * @param source source token ids, {@code [sourceLength]}
 * @param target target token ids, {@code [targetLength]}
 */
public record IndexedPair(long index, int[] source, int[] target) implements Serializable {
    /** The pair as the batch code takes it. */
    EncodedPair encoded() {
        return new EncodedPair(source, target);
    }
}
