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
     * @param logProbabilities {@code [N][V]}: natural-log probabilities of every next token; the
     *                         search owns them and may change them (repeated n-gram blocking sets
     *                         entries to -∞), so a scorer must not hand out rows it reads again
     * @param states           the states after the step, N rows
     * @param best             {@code [N]}: each row's index of its largest log-probability, the
     *                         first of equal ones, as the scorer handed the rows out; or null when
     *                         the scorer leaves finding them to the search
     */
    record Step<S>(float[][] logProbabilities, S states, int[] best) {
        public Step {
            if (best != null && best.length != logProbabilities.length) {
                throw new IllegalArgumentException(best.length + " best tokens for " + logProbabilities.length
                        + " rows");
            }
        }

        /** A step whose search finds each row's largest log-probability itself. */
        public Step(float[][] logProbabilities, S states) {
            this(logProbabilities, states, null);
        }
    }
}
