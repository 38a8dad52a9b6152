package org.seq2seq.decoder.search;

import java.util.List;

/** A decoding algorithm over a {@link StepScorer}, for a batch of sentences at once. */
public interface Search {

    /**
     * The search these options ask for, decided here only: greedy search for a beam of 1, beam
     * search otherwise.
     */
    static Search of(SearchOptions options) {
        return options.beamSize() == 1 ? new GreedySearch(options) : new BeamSearch(options);
    }

    /**
     * Decodes B sentences.
     *
     * @param scorer        the model
     * @param initialStates the states before the first step, one row per sentence (B rows)
     * @param sourceLengths each sentence's source length in tokens, for the maximum output length
     * @return for each sentence its best hypotheses, best first
     */
    <S> List<List<Hypothesis>> search(StepScorer<S> scorer, S initialStates, int[] sourceLengths);
}
