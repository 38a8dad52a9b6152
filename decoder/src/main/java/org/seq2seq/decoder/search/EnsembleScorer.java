package org.seq2seq.decoder.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Several models as one for a search (ensemble decoding): each scores the step with its own
 * states, and the next token's log-probability is the mean of theirs, {@code (1/M) Σ_m log p_m},
 * the log of the models' geometric mean. The models must share the target vocabulary.
 *
 * @param <S> one model's states; the ensemble's are the list of all models' states, in order
 */
public final class EnsembleScorer<S> implements StepScorer<List<S>> {
    private final List<StepScorer<S>> models;

    public EnsembleScorer(List<? extends StepScorer<S>> models) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one model");
        }
        this.models = List.copyOf(models);
    }

    @Override
    public Step<List<S>> step(int[] previous, List<S> states) {
        if (states.size() != models.size()) {
            throw new IllegalArgumentException(states.size() + " models' states for " + models.size() + " models");
        }
        List<float[][]> logPs = new ArrayList<>(models.size());
        List<S> next = new ArrayList<>(models.size());
        int[][] columns = null;
        for (int m = 0; m < models.size(); m++) {
            Step<S> step = models.get(m).step(previous, states.get(m));
            logPs.add(step.logProbabilities());                               // [N][K]
            next.add(step.states());
            if (m == 0) {
                columns = step.columns();
            } else if (!java.util.Arrays.deepEquals(columns, step.columns())) {
                throw new IllegalStateException("model " + m + " scores other tokens than model 0 (a shortlist of "
                        + "its own): an ensemble's models must score the same columns");
            }
        }
        float[][] mean = mean(logPs, "target tokens", "vocabularies");
        return new Step<>(mean, next, null, columns);
    }

    @Override
    public List<S> select(List<S> states, int[] rows) {
        List<S> out = new ArrayList<>(models.size());
        for (int m = 0; m < models.size(); m++) {
            out.add(models.get(m).select(states.get(m), rows));
        }
        return out;
    }

    /** The mean of the models' attention weights {@code [N][S]}; null when any model has none. */
    @Override
    public float[][] attention(List<S> states) {
        List<float[][]> weights = new ArrayList<>(models.size());
        for (int m = 0; m < models.size(); m++) {
            float[][] w = models.get(m).attention(states.get(m));
            if (w == null) {
                return null;
            }
            weights.add(w);
        }
        return mean(weights, "source positions", "sources");
    }

    /**
     * The element-wise mean of the models' {@code [N][K]} rows.
     *
     * @param what  what a row's K entries are, for the error when models disagree on K
     * @param which what must then differ between the models
     */
    private static float[][] mean(List<float[][]> perModel, String what, String which) {
        float[][] first = perModel.get(0);
        float[][] mean = new float[first.length][];
        for (int i = 0; i < first.length; i++) {
            mean[i] = first[i].clone();
        }
        for (int m = 1; m < perModel.size(); m++) {
            float[][] rows = perModel.get(m);
            for (int i = 0; i < rows.length; i++) {
                if (rows[i].length != mean[i].length) {
                    throw new IllegalStateException("model " + m + " gives " + rows[i].length + " " + what
                            + ", model 0 " + mean[i].length + ": their " + which + " differ");
                }
                for (int v = 0; v < rows[i].length; v++) {
                    mean[i][v] += rows[i][v];
                }
            }
        }
        if (perModel.size() > 1) {
            float scale = 1f / perModel.size();
            for (float[] row : mean) {
                for (int v = 0; v < row.length; v++) {
                    row[v] *= scale;
                }
            }
        }
        return mean;
    }
}
