package org.seq2seq.decoder;

import java.util.Arrays;

/**
 * The log-probability rows of one search's steps, reused from step to step instead of allocated
 * each time (a step of 50 rows over 8,000 tokens would allocate 1.6 MB): the rows a step hands
 * out are overwritten by the next step of the same search, which
 * {@link org.seq2seq.decoder.search.StepScorer.Step} allows. One per search; the states a search
 * derives from its initial states share it. Not thread-safe: rows are handed out on the search's
 * thread, then filled on any.
 */
public final class StepBuffers {
    private float[][] rows = new float[0][];

    StepBuffers() {
    }

    /**
     * Rows for a step: row r has {@code length.applyAsInt(r)} entries, reused when the row held
     * before was as long; the contents are left as they were (zero for new arrays).
     *
     * @return {@code [N][K_r]}, a new outer array each time
     */
    float[][] rows(int n, java.util.function.IntUnaryOperator length) {
        if (rows.length < n) {
            rows = Arrays.copyOf(rows, Math.max(n, 2 * rows.length));
        }
        float[][] out = new float[n][];
        for (int r = 0; r < n; r++) {
            int k = length.applyAsInt(r);
            if (rows[r] == null || rows[r].length != k) {
                rows[r] = new float[k];
            }
            out[r] = rows[r];
        }
        return out;
    }
}
