package org.seq2seq.evaluation.run;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears how far the translation of a test corpus has come: a progress bar on a terminal, a log
 * line every few seconds elsewhere ({@link #logged()}, the default).
 */
public interface TranslationProgress extends AutoCloseable {
    /**
     * @param done    sentences translated so far
     * @param total   sentences in all
     * @param seconds time since translation began
     */
    void translated(int done, int total, double seconds);

    /** Translation is over (or failed). */
    @Override
    default void close() {
    }

    /** A log line at most every 10 seconds and at the end, with the rate and time to go. */
    static TranslationProgress logged() {
        Logger log = LoggerFactory.getLogger(EvaluationRun.class);
        return new TranslationProgress() {
            private double lastLog;

            @Override
            public void translated(int done, int total, double seconds) {
                if (seconds - lastLog > 10 || done == total) {
                    log.info(String.format(Locale.ROOT, "translated %d/%d sentences, %.1f sentences/s, ~%.0f s to go",
                            done, total, done / seconds, (total - done) * seconds / done));
                    lastLog = seconds;
                }
            }
        };
    }
}
