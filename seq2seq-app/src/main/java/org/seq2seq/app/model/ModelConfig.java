package org.seq2seq.app.model;

import org.seq2seq.encoder.EncoderConfig;

/**
 * Sizes and options of a translation model.
 *
 * @param sourceVocabularySize source vocabulary size, special tokens included
 * @param targetVocabularySize target vocabulary size, special tokens included
 * @param embeddingSize        size of the source and of the target token embeddings
 * @param hiddenSize           size of the encoder's and the decoder's states
 * @param encoderLayers        stacked encoder LSTM layers
 * @param dropout              dropout probability on the encoder's and the decoder's inputs while
 *                             training, in [0, 1)
 * @param feedContext          whether the decoder reads the context at every step as well as
 *                             through its initial state (Cho et al. 2014)
 */
public record ModelConfig(int sourceVocabularySize, int targetVocabularySize, int embeddingSize, int hiddenSize,
                          int encoderLayers, double dropout, boolean feedContext) {
    public ModelConfig {
        if (targetVocabularySize < 5) {
            throw new IllegalArgumentException("the target vocabulary needs the 4 special tokens and at least one "
                    + "more, got size " + targetVocabularySize);
        }
        encoder(sourceVocabularySize, embeddingSize, hiddenSize, encoderLayers, dropout);   // validates the rest
    }

    /** The encoder's part. */
    public EncoderConfig encoder() {
        return encoder(sourceVocabularySize, embeddingSize, hiddenSize, encoderLayers, dropout);
    }

    private static EncoderConfig encoder(int vocabulary, int embedding, int hidden, int layers, double dropout) {
        return new EncoderConfig(vocabulary, embedding, hidden, layers, dropout);
    }
}
