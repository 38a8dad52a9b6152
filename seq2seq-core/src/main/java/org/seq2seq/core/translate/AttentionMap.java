package org.seq2seq.core.translate;

import java.util.List;
import java.util.Objects;

/**
 * What the decoder attended to while writing a translation.
 *
 * @param translation the translation, detokenized
 * @param source      the source tokens as the model read them (in its reading order)
 * @param target      the output tokens, {@code </s>} last when the translation finished
 * @param weights     {@code [target.size()][source.size()]}: row t is the attention over the
 *                    source when the decoder wrote token t; each row sums to 1
 */
public record AttentionMap(String translation, List<String> source, List<String> target, double[][] weights) {
    public AttentionMap {
        Objects.requireNonNull(translation, "translation");
        source = List.copyOf(source);
        target = List.copyOf(target);
        if (weights.length != target.size()) {
            throw new IllegalArgumentException(weights.length + " rows of weights for " + target.size()
                    + " target tokens");
        }
        for (double[] row : weights) {
            if (row.length != source.size()) {
                throw new IllegalArgumentException("a row of " + row.length + " weights for " + source.size()
                        + " source tokens");
            }
        }
    }
}
