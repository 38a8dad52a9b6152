package org.seq2seq.corpora.batch;

import java.util.Iterator;
import java.util.Objects;

/** One pass over the pairs of a {@link PairSource}; holds a file open until closed. */
public interface PairCursor extends Iterator<EncodedPair>, AutoCloseable {

    @Override
    void close();

    /** A cursor over {@code pairs} that runs {@code onClose} when closed. */
    static PairCursor over(Iterator<EncodedPair> pairs, Runnable onClose) {
        Objects.requireNonNull(pairs, "pairs");
        Objects.requireNonNull(onClose, "onClose");
        return new PairCursor() {
            @Override
            public boolean hasNext() {
                return pairs.hasNext();
            }

            @Override
            public EncodedPair next() {
                return pairs.next();
            }

            @Override
            public void close() {
                onClose.run();
            }
        };
    }
}
