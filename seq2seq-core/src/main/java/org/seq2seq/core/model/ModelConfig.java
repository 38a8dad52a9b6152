package org.seq2seq.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.seq2seq.decoder.attention.Attention;
import org.seq2seq.decoder.DecoderConfig;
import org.seq2seq.encoder.EncoderConfig;
import org.seq2seq.encoder.LstmImplementation;

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
 * @param bidirectional        whether the encoder reads the source both ways (H/2 units per
 *                             direction, see {@link EncoderConfig#bidirectional()})
 * @param attention            whether and how the decoder attends to the encoder's per-step
 *                             outputs; null (a model saved before attention existed) reads as
 *                             {@link Attention#NONE}
 * @param encoderLstm          which LSTM layers the encoder is built from; null (a model saved
 *                             before the encoder had its own layer) reads as
 *                             {@link LstmImplementation#DL4J}
 * @param decoderLayers        stacked GRU layers in the decoder, each seeded from the context;
 *                             0 (a model saved before stacked decoders) reads as 1
 * @param decoderResidual      whether each decoder layer above the first adds its input (the
 *                             layer below's output) to its output (He et al. 2016, as GNMT
 *                             stacks its RNNs); needs 2 or more decoder layers
 * @param decoderLayerNorm     whether the decoder's GRU layers normalize their input and
 *                             recurrent projections (Ba et al. 2016); absent (a model saved
 *                             before the option) reads as false
 * @param encoderLayerNorm     whether the encoder's LSTM layers normalize their input and
 *                             recurrent projections; absent reads as false
 */
public record ModelConfig(int sourceVocabularySize, int targetVocabularySize, int embeddingSize, int hiddenSize,
                          int encoderLayers, double dropout, boolean feedContext, boolean bidirectional,
                          Attention attention, LstmImplementation encoderLstm, int decoderLayers,
                          boolean decoderResidual, boolean decoderLayerNorm, boolean encoderLayerNorm) {
    @JsonCreator
    public ModelConfig {
        attention = attention == null ? Attention.NONE : attention;
        encoderLstm = encoderLstm == null ? LstmImplementation.DL4J : encoderLstm;
        decoderLayers = decoderLayers == 0 ? 1 : decoderLayers;
        if (decoderLayers < 1) {
            throw new IllegalArgumentException("the decoder needs at least 1 layer, got " + decoderLayers);
        }
        if (decoderResidual && decoderLayers < 2) {
            throw new IllegalArgumentException("residual connections join stacked decoder layers: they need 2 or "
                    + "more decoder layers, got " + decoderLayers);
        }
        if (targetVocabularySize < 5) {
            throw new IllegalArgumentException("the target vocabulary needs the 4 special tokens and at least one "
                    + "more, got size " + targetVocabularySize);
        }
        new EncoderConfig(sourceVocabularySize, embeddingSize, hiddenSize, encoderLayers, dropout,
                bidirectional, encoderLstm, encoderLayerNorm);   // validates the rest
    }

    /** Without layer normalization. */
    public ModelConfig(int sourceVocabularySize, int targetVocabularySize, int embeddingSize, int hiddenSize,
                       int encoderLayers, double dropout, boolean feedContext, boolean bidirectional,
                       Attention attention, LstmImplementation encoderLstm, int decoderLayers,
                       boolean decoderResidual) {
        this(sourceVocabularySize, targetVocabularySize, embeddingSize, hiddenSize, encoderLayers, dropout,
                feedContext, bidirectional, attention, encoderLstm, decoderLayers, decoderResidual, false, false);
    }

    /** One decoder layer, as models were before stacked decoders. */
    public ModelConfig(int sourceVocabularySize, int targetVocabularySize, int embeddingSize, int hiddenSize,
                       int encoderLayers, double dropout, boolean feedContext, boolean bidirectional,
                       Attention attention, LstmImplementation encoderLstm) {
        this(sourceVocabularySize, targetVocabularySize, embeddingSize, hiddenSize, encoderLayers, dropout,
                feedContext, bidirectional, attention, encoderLstm, 1, false);
    }

    /** A new model: its encoder of the {@linkplain LstmImplementation#FUSED fused} LSTM layers. */
    public ModelConfig(int sourceVocabularySize, int targetVocabularySize, int embeddingSize, int hiddenSize,
                       int encoderLayers, double dropout, boolean feedContext, boolean bidirectional,
                       Attention attention) {
        this(sourceVocabularySize, targetVocabularySize, embeddingSize, hiddenSize, encoderLayers, dropout,
                feedContext, bidirectional, attention, LstmImplementation.FUSED);
    }

    /** The card's shape: a unidirectional encoder and no attention. */
    public ModelConfig(int sourceVocabularySize, int targetVocabularySize, int embeddingSize, int hiddenSize,
                       int encoderLayers, double dropout, boolean feedContext) {
        this(sourceVocabularySize, targetVocabularySize, embeddingSize, hiddenSize, encoderLayers, dropout,
                feedContext, false, Attention.NONE);
    }

    /** The sizes and options without the vocabularies. */
    public ModelShape shape() {
        return new ModelShape(embeddingSize, hiddenSize, encoderLayers, dropout, feedContext, bidirectional, attention,
                decoderLayers, decoderResidual, decoderLayerNorm, encoderLayerNorm);
    }

    /** The encoder's part. */
    public EncoderConfig encoder() {
        return new EncoderConfig(sourceVocabularySize, embeddingSize, hiddenSize, encoderLayers, dropout,
                bidirectional, encoderLstm, encoderLayerNorm);
    }

    /** The decoder's part. */
    public DecoderConfig decoder() {
        return new DecoderConfig(targetVocabularySize, embeddingSize, hiddenSize, hiddenSize, decoderLayers,
                decoderResidual, decoderLayerNorm, feedContext, dropout, attention);
    }

    /** This configuration with the given encoder direction and attention. */
    public ModelConfig with(boolean bidirectional, Attention attention) {
        return new ModelConfig(sourceVocabularySize, targetVocabularySize, embeddingSize, hiddenSize, encoderLayers,
                dropout, feedContext, bidirectional, attention, encoderLstm, decoderLayers, decoderResidual,
                decoderLayerNorm, encoderLayerNorm);
    }

    /** This configuration with the encoder built from the given LSTM layers. */
    public ModelConfig with(LstmImplementation lstm) {
        return new ModelConfig(sourceVocabularySize, targetVocabularySize, embeddingSize, hiddenSize, encoderLayers,
                dropout, feedContext, bidirectional, attention, lstm, decoderLayers, decoderResidual, decoderLayerNorm,
                encoderLayerNorm);
    }

    /** This configuration with layer-normalized decoder layers or not. */
    public ModelConfig withDecoderLayerNorm(boolean on) {
        return new ModelConfig(sourceVocabularySize, targetVocabularySize, embeddingSize, hiddenSize, encoderLayers,
                dropout, feedContext, bidirectional, attention, encoderLstm, decoderLayers, decoderResidual, on,
                encoderLayerNorm);
    }

    /** This configuration with layer-normalized encoder layers or not. */
    public ModelConfig withEncoderLayerNorm(boolean on) {
        return new ModelConfig(sourceVocabularySize, targetVocabularySize, embeddingSize, hiddenSize, encoderLayers,
                dropout, feedContext, bidirectional, attention, encoderLstm, decoderLayers, decoderResidual,
                decoderLayerNorm, on);
    }

    /** This configuration with {@code layers} stacked decoder layers, joined by residual connections or not. */
    public ModelConfig withDecoder(int layers, boolean residual) {
        return new ModelConfig(sourceVocabularySize, targetVocabularySize, embeddingSize, hiddenSize, encoderLayers,
                dropout, feedContext, bidirectional, attention, encoderLstm, layers, residual, decoderLayerNorm,
                encoderLayerNorm);
    }
}
