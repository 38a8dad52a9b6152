package org.seq2seq.core.translate;

import java.util.List;

/**
 * One translation of one sentence.
 *
 * @param text           the detokenized output sentence
 * @param tokens         the output tokens ({@code <unk>} for the unknown word token)
 * @param score          the search's ranking score: log-probability divided by the length penalty
 * @param logProbability natural-log probability of the tokens and END under the model
 * @param finished       false when the output was cut at the maximum length instead of ending with END
 */
public record Translation(String text, List<String> tokens, double score, double logProbability,
                          boolean finished) {
    public Translation {
        tokens = List.copyOf(tokens);
    }
}
