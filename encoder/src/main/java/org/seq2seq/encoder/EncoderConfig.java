package org.seq2seq.encoder;

/**
 * Sizes of the encoder.
 *
 * @param vocabularySize source vocabulary size, special tokens included
 * @param embeddingSize  size of the source token embeddings
 * @param hiddenSize     size of the LSTM states, and so of the context vector
 * @param layers         stacked LSTM layers, at least 1
 * @param dropout        probability of dropping each input feature of every LSTM layer while
 *                       training (the embeddings, and between stacked layers), in [0, 1)
 * @param bidirectional  whether each layer reads the source both ways: a forward and a backward
 *                       LSTM of {@code hiddenSize / 2} units each, their outputs concatenated (as
 *                       OpenNMT-py does), so the per-step outputs and the context keep
 *                       {@code hiddenSize} features; {@code hiddenSize} must then be even
 * @param lstm           which LSTM layers it is built from
 * @param layerNorm      whether the LSTM layers normalize their input and recurrent projections
 *                       (Ba et al. 2016); only the {@linkplain LstmImplementation#FUSED fused} layers can
 */
public record EncoderConfig(int vocabularySize, int embeddingSize, int hiddenSize, int layers, double dropout,
                            boolean bidirectional, LstmImplementation lstm, boolean layerNorm) {
    public EncoderConfig {
        java.util.Objects.requireNonNull(lstm, "lstm");
        if (layerNorm && lstm != LstmImplementation.FUSED) {
            throw new IllegalArgumentException("layer normalization needs the encoder's own LSTM layers, not " + lstm);
        }
        if (vocabularySize < 5) {
            throw new IllegalArgumentException("the source vocabulary needs the 4 special tokens and at least one "
                    + "more, got size " + vocabularySize);
        }
        if (embeddingSize < 1 || hiddenSize < 1 || layers < 1) {
            throw new IllegalArgumentException("embedding size, hidden size and layers must be at least 1, got "
                    + embeddingSize + ", " + hiddenSize + ", " + layers);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (bidirectional && hiddenSize % 2 != 0) {
            throw new IllegalArgumentException("a bidirectional encoder splits the hidden size between its two "
                    + "directions, so it must be even, got " + hiddenSize);
        }
    }

    /** Without layer normalization. */
    public EncoderConfig(int vocabularySize, int embeddingSize, int hiddenSize, int layers, double dropout,
                         boolean bidirectional, LstmImplementation lstm) {
        this(vocabularySize, embeddingSize, hiddenSize, layers, dropout, bidirectional, lstm, false);
    }

    /** An encoder of the {@linkplain LstmImplementation#FUSED fused} LSTM layers. */
    public EncoderConfig(int vocabularySize, int embeddingSize, int hiddenSize, int layers, double dropout,
                         boolean bidirectional) {
        this(vocabularySize, embeddingSize, hiddenSize, layers, dropout, bidirectional, LstmImplementation.FUSED);
    }

    /** A unidirectional encoder of the fused LSTM layers. */
    public EncoderConfig(int vocabularySize, int embeddingSize, int hiddenSize, int layers, double dropout) {
        this(vocabularySize, embeddingSize, hiddenSize, layers, dropout, false);
    }

    /** Units of each LSTM: the hidden size, or half of it per direction. */
    public int unitsPerDirection() {
        return bidirectional ? hiddenSize / 2 : hiddenSize;
    }
}
