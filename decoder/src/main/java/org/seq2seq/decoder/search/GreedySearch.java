package org.seq2seq.decoder.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.seq2seq.corpora.vocab.SpecialToken;
import org.seq2seq.nn.RowSoftmax;

/**
 * Greedy search: at every step each sentence takes its most probable next token. Sentences leave
 * the batch as they finish. Uses the options' length limits, penalty (for the score) and repeated
 * n-gram blocking; the beam size, n-best and coverage penalty are ignored.
 */
public final class GreedySearch implements Search {
    private static final int START = SpecialToken.START.id();
    private static final int END = SpecialToken.END.id();
    private final SearchOptions options;

    public GreedySearch(SearchOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public <S> List<List<Hypothesis>> search(StepScorer<S> scorer, S initialStates, int[] sourceLengths) {
        int sentences = sourceLengths.length;
        Hypothesis[] results = new Hypothesis[sentences];
        int[][] tokens = new int[sentences][];             // each sentence's output, room for its limit
        int[] written = new int[sentences];                // how many of them are written
        double[] logProbability = new double[sentences];
        int[] active = new int[sentences];                 // sentence of each row
        int[] previous = new int[sentences];
        for (int s = 0; s < sentences; s++) {
            tokens[s] = new int[options.maxLength(sourceLengths[s])];
            active[s] = s;
            previous[s] = START;
        }
        S states = initialStates;
        for (int t = 1; active.length > 0; t++) {
            StepScorer.Step<S> step = scorer.step(previous, states);
            int[] keep = new int[active.length];
            int kept = 0;
            for (int row = 0; row < active.length; row++) {
                int s = active[row];
                float[] logP = step.logProbabilities()[row];                              // [K]
                int[] columns = step.columns() == null ? null : step.columns()[row];      // [K] or null: K = V
                RepeatedNgrams.block(options.noRepeatNgram(), tokens[s], written[s], logP, columns);
                int largest = step.best() != null && options.noRepeatNgram() < 1           // blocking may change it
                        ? step.best()[row] : RowSoftmax.indexOfLargest(logP);
                int column = argmax(logP, columns, largest, t > options.minLength(), options);
                int best = step.token(row, column);
                logProbability[s] += logP[column];
                if (best == END) {
                    results[s] = finish(tokens[s], written[s], logProbability[s], t, true);
                } else {
                    tokens[s][written[s]++] = best;
                    if (t >= options.maxLength(sourceLengths[s])) {
                        results[s] = finish(tokens[s], written[s], logProbability[s], t, false);
                    } else {
                        keep[kept++] = row;
                    }
                }
            }
            if (kept == 0) {
                break;
            }
            int[] rows = Arrays.copyOf(keep, kept);
            int[] nextActive = new int[kept];
            previous = new int[kept];
            for (int i = 0; i < kept; i++) {
                nextActive[i] = active[rows[i]];
                previous[i] = tokens[nextActive[i]][written[nextActive[i]] - 1];
            }
            states = kept == active.length ? step.states() : scorer.select(step.states(), rows);
            active = nextActive;
        }
        List<List<Hypothesis>> out = new ArrayList<>();
        for (Hypothesis h : results) {
            out.add(List.of(h));
        }
        return out;
    }

    private Hypothesis finish(int[] tokens, int written, double logProbability, int length, boolean finished) {
        return new Hypothesis(Arrays.stream(tokens, 0, written).boxed().toList(), logProbability, logProbability / options.lengthPenalty().divisor(length),
                finished);
    }

    /**
     * The column of the largest value among the tokens that may be written ({@code END} only if
     * allowed).
     *
     * @param columns the token of each column, or null when column v is token v
     * @param largest the first column of the largest of all values
     */
    static int argmax(float[] values, int[] columns, int largest, boolean endAllowed, SearchOptions options) {
        if (writable(columns == null ? largest : columns[largest], endAllowed, options)) {
            return largest;
        }
        int best = -1;
        for (int c = 0; c < values.length; c++) {
            if (writable(columns == null ? c : columns[c], endAllowed, options) && (best < 0 || values[c] > values[best])) {
                best = c;
            }
        }
        return best;
    }

    private static boolean writable(int token, boolean endAllowed, SearchOptions options) {
        return options.mayWrite(token) && (token != END || endAllowed);
    }
}
