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
        float[][] mean = null;
        List<S> next = new ArrayList<>(models.size());
        for (int m = 0; m < models.size(); m++) {
            Step<S> step = models.get(m).step(previous, states.get(m));
            float[][] logP = step.logProbabilities();                         // [N][V]
            if (mean == null) {
                mean = new float[logP.length][];
                for (int i = 0; i < logP.length; i++) {
                    mean[i] = logP[i].clone();
                }
            } else {
                for (int i = 0; i < logP.length; i++) {
                    if (logP[i].length != mean[i].length) {
                        throw new IllegalStateException("model " + m + " scores " + logP[i].length
                                + " target tokens, model 0 " + mean[i].length + ": their vocabularies differ");
                    }
                    for (int v = 0; v < logP[i].length; v++) {
                        mean[i][v] += logP[i][v];
                    }
                }
            }
            next.add(step.states());
        }
        if (models.size() > 1) {
            float scale = 1f / models.size();
            for (float[] row : mean) {
                for (int v = 0; v < row.length; v++) {
                    row[v] *= scale;
                }
            }
        }
        return new Step<>(mean, next);
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
        float[][] mean = null;
        for (int m = 0; m < models.size(); m++) {
            float[][] weights = models.get(m).attention(states.get(m));
            if (weights == null) {
                return null;
            }
            if (mean == null) {
                mean = new float[weights.length][];
                for (int i = 0; i < weights.length; i++) {
                    mean[i] = weights[i].clone();
                }
            } else {
                for (int i = 0; i < weights.length; i++) {
                    for (int j = 0; j < weights[i].length; j++) {
                        mean[i][j] += weights[i][j];
                    }
                }
            }
        }
        if (mean != null && models.size() > 1) {
            float scale = 1f / models.size();
            for (float[] row : mean) {
                for (int j = 0; j < row.length; j++) {
                    row[j] *= scale;
                }
            }
        }
        return mean;
    }
}
