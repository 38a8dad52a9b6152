package org.seq2seq.core.model;

import java.util.Objects;
import org.seq2seq.decoder.attention.Attention;

/**
 * What a user chooses about a new model's shape; with the vocabulary sizes, which the corpus
 * decides, it becomes a {@link ModelConfig}. The defaults are the command line's.
 *
 * @param embeddingSize size of the source and the target token embeddings
 * @param hiddenSize    size of the encoder's and the decoder's states
 * @param encoderLayers stacked encoder LSTM layers
 * @param dropout       dropout probability on the RNNs' inputs while training, in [0, 1)
 * @param feedContext   the context vector fed to every decoder step too (Cho et al. 2014)
 * @param bidirectional the encoder reads the source both ways
 * @param attention     Luong attention of the decoder over the encoder's outputs, or none
 */
public record ModelShape(int embeddingSize, int hiddenSize, int encoderLayers, double dropout, boolean feedContext,
                         boolean bidirectional, Attention attention) {
    public ModelShape {
        Objects.requireNonNull(attention, "attention");
        // the sizes and options are checked here, before any corpus is read (fields are not set yet)
        new ModelConfig(5, 5, embeddingSize, hiddenSize, encoderLayers, dropout, feedContext, bidirectional,
                attention);
    }

    /** Embeddings 256, hidden 512, one encoder layer, no dropout, the card's plain shape. */
    public static ModelShape defaults() {
        return new ModelShape(256, 512, 1, 0, false, false, Attention.NONE);
    }

    /** The configuration of a model of this shape over vocabularies of the given sizes. */
    public ModelConfig config(int sourceVocabularySize, int targetVocabularySize) {
        return new ModelConfig(sourceVocabularySize, targetVocabularySize, embeddingSize, hiddenSize, encoderLayers,
                dropout, feedContext, bidirectional, attention);
    }
}
