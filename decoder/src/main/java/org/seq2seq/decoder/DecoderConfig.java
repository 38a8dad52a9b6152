package org.seq2seq.decoder;

import java.util.Objects;
import org.seq2seq.decoder.attention.Attention;

/**
 * The decoder's sizes and options, the part of a model's configuration that the decoder reads.
 *
 * @param vocabularySize target vocabulary size V, special tokens included
 * @param embeddingSize  size E of a target token's embedding
 * @param hiddenSize     size H of every GRU layer's state
 * @param contextSize    size C of the encoder's context vector (and of its per-step outputs)
 * @param layers         stacked GRU layers, each seeded from the context
 * @param residual       each layer above the first adds its input to its output
 * @param layerNorm      the GRU layers normalize their input and recurrent projections
 * @param feedContext    the context is appended to every step's input (Cho et al. 2014)
 * @param dropout        dropout probability on every layer's input while training, in [0, 1)
 * @param attention      Luong attention over the encoder's per-step outputs, or none
 */
public record DecoderConfig(int vocabularySize, int embeddingSize, int hiddenSize, int contextSize, int layers,
                            boolean residual, boolean layerNorm, boolean feedContext, double dropout,
                            Attention attention) {
    public DecoderConfig {
        Objects.requireNonNull(attention, "attention");
        if (vocabularySize < 5) {
            throw new IllegalArgumentException("the target vocabulary needs the 4 special tokens and at least one "
                    + "more, got size " + vocabularySize);
        }
        if (embeddingSize < 1 || hiddenSize < 1 || contextSize < 1) {
            throw new IllegalArgumentException("decoder sizes must be at least 1, got embedding " + embeddingSize
                    + ", hidden " + hiddenSize + ", context " + contextSize);
        }
        if (layers < 1) {
            throw new IllegalArgumentException("the decoder needs at least 1 layer, got " + layers);
        }
        if (residual && layers < 2) {
            throw new IllegalArgumentException("residual connections join stacked decoder layers: they need 2 or "
                    + "more decoder layers, got " + layers);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }
}
