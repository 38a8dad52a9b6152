package org.seq2seq.corpora.batch;

import java.util.Iterator;

/** One pass over the pairs of a {@link PairSource}; holds a file open until closed. */
public interface PairCursor extends Iterator<EncodedPair>, AutoCloseable {

    @Override
    void close();
}
