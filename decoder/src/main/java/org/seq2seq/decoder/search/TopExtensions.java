package org.seq2seq.decoder.search;

import java.util.List;
import org.seq2seq.corpora.vocab.SpecialToken;

/** The best one-token extensions of a sentence's live hypotheses: the candidates of a beam search step. */
final class TopExtensions {
    private static final int END = SpecialToken.END.id();

    private TopExtensions() {
    }

    /** A live hypothesis as the search for extensions reads it. */
    interface Parent {
        /** The tokens written so far. */
        int[] tokens();

        /** Their cumulative log-probability. */
        double logProbability();

        /** Its row in the step's log-probabilities. */
        int row();

        /** Whether it may end now (beyond the search's minimum length): a constrained one only once its phrases appeared. */
        default boolean mayEnd() {
            return true;
        }
    }

    /**
     * The top extensions of {@code live} by cumulative log-probability, as many as the arrays
     * hold, best first, into the given arrays (index into {@code live}, token). Repeated n-gram
     * blocking sets the blocked entries of the step's rows to -∞.
     *
     * @return how many were found (fewer than the arrays hold only for a tiny vocabulary)
     */
    static <S> int find(SearchOptions options, List<? extends Parent> live, StepScorer.Step<S> step, int t,
                        double[] scores, int[] parents, int[] tokens) {
        int capacity = scores.length;
        int found = 0;
        for (int h = 0; h < live.size(); h++) {
            Parent hypothesis = live.get(h);
            boolean endAllowed = t > options.minLength() && hypothesis.mayEnd();
            float[] row = step.logProbabilities()[hypothesis.row()];                       // [K]
            int[] columns = step.columns() == null ? null : step.columns()[hypothesis.row()];  // [K]; null: K = V
            RepeatedNgrams.block(options.noRepeatNgram(), hypothesis.tokens(), hypothesis.tokens().length, row, columns);
            double base = hypothesis.logProbability();
            float below = found == capacity ? entry(scores[found - 1], base) : Float.NEGATIVE_INFINITY;
            for (int c = 0; c < row.length; c++) {
                int v = columns == null ? c : columns[c];
                if (row[c] <= below || v == END && !endAllowed || !options.mayWrite(v)) {
                    continue;
                }
                double score = base + row[c];
                if (score == Double.NEGATIVE_INFINITY || found == capacity && !(score > scores[found - 1])) {
                    continue;
                }
                // insertion into the sorted top list
                int at = found == capacity ? found - 1 : found++;
                while (at > 0 && scores[at - 1] < score) {
                    scores[at] = scores[at - 1];
                    parents[at] = parents[at - 1];
                    tokens[at] = tokens[at - 1];
                    at--;
                }
                scores[at] = score;
                parents[at] = h;
                tokens[at] = v;
                if (found == capacity) {
                    below = entry(scores[found - 1], base);
                }
            }
        }
        return found;
    }

    /**
     * A float that no log-probability may exceed without {@code base + it} possibly beating
     * {@code last}: {@code last - base} rounded down twice, so that one float comparison per
     * vocabulary entry rejects nearly all of them before the exact test in double.
     */
    private static float entry(double last, double base) {
        return Math.nextDown(Math.nextDown((float) (last - base)));
    }

    /**
     * Gives a sentence's live hypotheses the next step's rows from {@code from} on: each one's row
     * now goes into {@code select} and its last token into {@code previous}, at its new row.
     *
     * @param withRow the hypothesis at another row
     * @return the hypotheses at their new rows, in order
     */
    static <L extends Parent> List<L> toNextRows(List<L> live, int[] select, int[] previous, int from,
                                                 java.util.function.BiFunction<L, Integer, L> withRow) {
        List<L> out = new java.util.ArrayList<>(live.size());
        int row = from;
        for (L l : live) {
            select[row] = l.row();
            previous[row] = l.tokens()[l.tokens().length - 1];
            out.add(withRow.apply(l, row));
            row++;
        }
        return out;
    }
}
