package org.seq2seq.decoder.search;

/**
 * Scores the next token for a batch of N partial hypotheses: all a search needs of a model.
 *
 * @param <S> the decoder states of N hypotheses, opaque to the search (for the GRU decoder an
 *            {@code [N, H]} array)
 */
public interface StepScorer<S> {

    /**
     * One decoder step.
     *
     * @param previous the last token of each hypothesis, START at the first step; length N
     * @param states   the hypotheses' states before reading {@code previous}
     * @return for each hypothesis the log-probabilities of the next token, and the new states
     */
    Step<S> step(int[] previous, S states);

    /**
     * The states of the given rows, in that order: rows may repeat (a hypothesis extended two
     * ways) or be left out (a finished one).
     */
    S select(S states, int[] rows);

    /**
     * The attention weights of the step that made {@code states} (the weights each hypothesis's
     * last prediction read the source with), for the coverage penalty; only asked of the states a
     * {@link #step} returned.
     *
     * @return {@code [N][S]}: per hypothesis, a weight per source position (0 at padding); null
     *         when the model has no attention
     */
    default float[][] attention(S states) {
        return null;
    }

    /**
     * @param logProbabilities {@code [N][K]}: natural-log probabilities of the next token, one per
     *                         column; K is the vocabulary size V when {@code columns} is null, else
     *                         the length of the row's column list. The search may change them
     *                         (repeated n-gram blocking sets entries to -∞), so a scorer must not
     *                         hand out rows it reads again; they are valid until the next step on
     *                         states derived from this step's, which may reuse the arrays
     * @param states           the states after the step, N rows
     * @param best             {@code [N]}: each row's column of its largest log-probability, the
     *                         first of equal ones, as the scorer handed the rows out; or null when
     *                         the scorer leaves finding them to the search
     * @param columns          {@code [N][K]}: the token of each column of each row, ascending (a
     *                         vocabulary shortlist: the tokens not listed have probability 0); rows
     *                         may share one array. Null when every row has a column per token of
     *                         the vocabulary, column v being token v
     */
    record Step<S>(float[][] logProbabilities, S states, int[] best, int[][] columns) {
        public Step {
            if (best != null && best.length != logProbabilities.length) {
                throw new IllegalArgumentException(best.length + " best tokens for " + logProbabilities.length
                        + " rows");
            }
            if (columns != null && columns.length != logProbabilities.length) {
                throw new IllegalArgumentException(columns.length + " column lists for " + logProbabilities.length
                        + " rows");
            }
        }

        /** A step over the whole vocabulary. */
        public Step(float[][] logProbabilities, S states, int[] best) {
            this(logProbabilities, states, best, null);
        }

        /** A step over the whole vocabulary whose search finds each row's largest log-probability itself. */
        public Step(float[][] logProbabilities, S states) {
            this(logProbabilities, states, null, null);
        }

        /** The token of column {@code column} of row {@code row}. */
        public int token(int row, int column) {
            return columns == null ? column : columns[row][column];
        }

        /**
         * The column of {@code token} in row {@code row}, or a negative number when the row has no
         * column for it (the shortlist left it out).
         */
        public int column(int row, int token) {
            return columns == null ? token : java.util.Arrays.binarySearch(columns[row], token);
        }
    }
}
