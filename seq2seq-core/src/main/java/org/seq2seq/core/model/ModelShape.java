package org.seq2seq.core.model;

import java.util.Objects;
import org.seq2seq.decoder.attention.Attention;
import org.seq2seq.encoder.LstmImplementation;

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
 * @param decoderLayers stacked GRU layers in the decoder
 * @param decoderResidual residual connections between stacked decoder layers
 * @param decoderLayerNorm layer-normalized decoder GRU layers
 * @param encoderLayerNorm layer-normalized encoder LSTM layers
 */
public record ModelShape(int embeddingSize, int hiddenSize, int encoderLayers, double dropout, boolean feedContext,
                         boolean bidirectional, Attention attention, int decoderLayers, boolean decoderResidual,
                         boolean decoderLayerNorm, boolean encoderLayerNorm) {
    public ModelShape {
        Objects.requireNonNull(attention, "attention");
        // the sizes and options are checked here, before any corpus is read (fields are not set yet)
        new ModelConfig(5, 5, embeddingSize, hiddenSize, encoderLayers, dropout, feedContext, bidirectional,
                attention, LstmImplementation.FUSED, decoderLayers, decoderResidual, decoderLayerNorm, encoderLayerNorm);
    }

    /** Without layer normalization. */
    public ModelShape(int embeddingSize, int hiddenSize, int encoderLayers, double dropout, boolean feedContext,
                      boolean bidirectional, Attention attention, int decoderLayers, boolean decoderResidual) {
        this(embeddingSize, hiddenSize, encoderLayers, dropout, feedContext, bidirectional, attention, decoderLayers,
                decoderResidual, false, false);
    }

    /** One decoder layer. */
    public ModelShape(int embeddingSize, int hiddenSize, int encoderLayers, double dropout, boolean feedContext,
                      boolean bidirectional, Attention attention) {
        this(embeddingSize, hiddenSize, encoderLayers, dropout, feedContext, bidirectional, attention, 1, false);
    }

    /** Embeddings 256, hidden 512, one encoder layer, no dropout, the card's plain shape. */
    public static ModelShape defaults() {
        return new ModelShape(256, 512, 1, 0, false, false, Attention.NONE);
    }

    /**
     * How many parameters a model of this shape has over vocabularies of the given sizes
     * (embeddings, LSTM and GRU weights, projections, attention and output layer: the graph's
     * parameter table, attention vertex included), computed without building it. A double:
     * absurd sizes must not overflow.
     */
    public double parameters(int sourceVocabularySize, int targetVocabularySize) {
        double e = embeddingSize;
        double h = hiddenSize;
        double encoder = 0;
        for (int layer = 0; layer < encoderLayers; layer++) {
            double in = layer == 0 ? e : h;
            double unit = bidirectional ? h / 2 : h;
            encoder += (bidirectional ? 2 : 1) * 4 * unit * (in + unit + 1 + (encoderLayerNorm ? 2 : 0));
        }
        double decoder = 0;
        for (int layer = 0; layer < decoderLayers; layer++) {
            double in = (layer == 0 ? e : h) + (feedContext ? h : 0);
            decoder += 3 * h * (in + h + 2) + h * (h + 1);                  // GRU and the context projection
            decoder += decoderLayerNorm ? 6 * h : 0;                         // the two gains
        }
        double attend = attention == Attention.NONE ? 0 : 2 * h * h + (attention == Attention.GENERAL ? h * h : 0);
        return (double) (sourceVocabularySize + targetVocabularySize) * e + encoder + decoder + attend
                + h * targetVocabularySize + targetVocabularySize;
    }

    /** The configuration of a model of this shape over vocabularies of the given sizes. */
    public ModelConfig config(int sourceVocabularySize, int targetVocabularySize) {
        return new ModelConfig(sourceVocabularySize, targetVocabularySize, embeddingSize, hiddenSize, encoderLayers,
                dropout, feedContext, bidirectional, attention, LstmImplementation.FUSED, decoderLayers, decoderResidual,
                decoderLayerNorm, encoderLayerNorm);
    }
}
