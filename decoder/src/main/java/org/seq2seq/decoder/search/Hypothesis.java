package org.seq2seq.decoder.search;

import java.util.List;

/**
 * A search result.
 *
 * @param tokens        the output token ids, END not included
 * @param logProbability sum of the natural-log probabilities of the tokens (and of END when finished)
 * @param score         the search's ranking score: {@code logProbability} divided by the length penalty,
 *                      plus beam search's coverage penalty when it has one
 * @param finished      whether the hypothesis ended with END rather than at the length limit
 */
public record Hypothesis(List<Integer> tokens, double logProbability, double score, boolean finished) {
    public Hypothesis {
        tokens = List.copyOf(tokens);
    }
}
