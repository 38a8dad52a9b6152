package org.seq2seq.corpora.batch;

import java.util.Arrays;

/**
 * A sentence pair as token ids, without START, END or padding.
 *
 * @param source source token ids, at least one
 * @param target target token ids, at least one
 */
public record EncodedPair(int[] source, int[] target) {
    public EncodedPair {
        if (source.length == 0 || target.length == 0) {
            throw new IllegalArgumentException("both sides need at least one token, got "
                    + source.length + " source and " + target.length + " target tokens");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedPair p && Arrays.equals(p.source, source) && Arrays.equals(p.target, target);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(source) + Arrays.hashCode(target);
    }

    @Override
    public String toString() {
        return "EncodedPair[source=" + Arrays.toString(source) + ", target=" + Arrays.toString(target) + "]";
    }
}
