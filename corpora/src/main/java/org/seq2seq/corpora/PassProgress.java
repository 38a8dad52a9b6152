package org.seq2seq.corpora;

import java.util.Locale;
import org.slf4j.Logger;

/**
 * Log lines for a long pass over a corpus: one every {@link #INTERVAL_NANOS} with the pairs done
 * (and the share, when the total is known), and one at the end with the time taken. Cheap enough
 * to call for every pair: the clock is read every 4,096 pairs. Not thread-safe.
 */
public final class PassProgress {
    /** Ten seconds between lines. */
    public static final long INTERVAL_NANOS = 10_000_000_000L;

    private final Logger log;
    private final String what;
    private final long expected;
    private final long start = System.nanoTime();
    private long next = start + INTERVAL_NANOS;
    private long done;

    /**
     * @param log      where the lines go, at INFO
     * @param what     the pass, e.g. "counting tokens in train.csv"
     * @param expected pairs the pass will see, or 0 when unknown
     */
    public PassProgress(Logger log, String what, long expected) {
        this.log = log;
        this.what = what;
        this.expected = expected;
    }

    /** One more pair done. */
    public void add() {
        done++;
        if ((done & 4095) == 0) {
            long now = System.nanoTime();
            if (now >= next) {
                next = now + INTERVAL_NANOS;
                if (expected > 0) {
                    log.info(String.format(Locale.ROOT, "%s: %,d of %,d pairs (%.0f%%), %.0f s", what, done, expected,
                            100.0 * done / expected, (now - start) / 1e9));
                } else {
                    log.info(String.format(Locale.ROOT, "%s: %,d pairs, %.0f s", what, done, (now - start) / 1e9));
                }
            }
        }
    }

    /** Pairs done so far. */
    public long done() {
        return done;
    }

    /** Logs the end of the pass. */
    public void finish() {
        log.info(String.format(Locale.ROOT, "%s: %,d pairs in %.1f s", what, done, (System.nanoTime() - start) / 1e9));
    }
}
