package org.seq2seq.corpora.batch;

import java.util.Arrays;
import java.util.Objects;

/**
 * The longest sentences a batch may hold, in tokens (without START and END), and what happens to
 * longer pairs. The {@link BucketBatchIterator} counts what it drops or truncates.
 *
 * @param maxSourceTokens at least 1
 * @param maxTargetTokens at least 1; the decoder runs one step more (for START/END)
 * @param overflow        what to do with a pair over a limit
 */
public record LengthLimits(int maxSourceTokens, int maxTargetTokens, Overflow overflow) {

    /** What happens to a pair with a side over its limit. */
    public enum Overflow {
        /** Leave the pair out. */
        DROP,
        /** Keep the first tokens of the long side(s); a truncated target still ends with END. */
        TRUNCATE
    }

    public LengthLimits {
        if (maxSourceTokens < 1 || maxTargetTokens < 1) {
            throw new IllegalArgumentException("length limits must be at least 1, got source "
                    + maxSourceTokens + " and target " + maxTargetTokens);
        }
        Objects.requireNonNull(overflow, "overflow");
    }

    /** No limits. */
    public static LengthLimits none() {
        return new LengthLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Overflow.DROP);
    }

    public static LengthLimits drop(int maxSourceTokens, int maxTargetTokens) {
        return new LengthLimits(maxSourceTokens, maxTargetTokens, Overflow.DROP);
    }

    public static LengthLimits truncate(int maxSourceTokens, int maxTargetTokens) {
        return new LengthLimits(maxSourceTokens, maxTargetTokens, Overflow.TRUNCATE);
    }

    /** Whether a side of {@code pair} is over its limit. */
    public boolean exceeds(EncodedPair pair) {
        return pair.source().length > maxSourceTokens || pair.target().length > maxTargetTokens;
    }

    /** {@code pair} with each side cut to its limit. */
    public EncodedPair truncate(EncodedPair pair) {
        return new EncodedPair(
                Arrays.copyOf(pair.source(), Math.min(pair.source().length, maxSourceTokens)),
                Arrays.copyOf(pair.target(), Math.min(pair.target().length, maxTargetTokens)));
    }
}
