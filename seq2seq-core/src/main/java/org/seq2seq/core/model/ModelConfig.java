package org.seq2seq.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.seq2seq.decoder.attention.Attention;
import org.seq2seq.decoder.DecoderConfig;
import org.seq2seq.encoder.EncoderConfig;
import org.seq2seq.encoder.LstmImplementation;

/**
 * Sizes and options of a translation model, as {@code model.json} saves them. Made by
 * {@link #builder(int, int)} (or {@link ModelShape#config}), which names the field that is out of
 * range; the canonical constructor is the JSON format's and reads models saved before a field
 * existed.
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
        vocabulary("sourceVocabularySize", sourceVocabularySize);
        vocabulary("targetVocabularySize", targetVocabularySize);
        shapeOf(embeddingSize, hiddenSize, encoderLayers, dropout, feedContext, bidirectional, attention,
                decoderLayers, decoderResidual, decoderLayerNorm, encoderLayerNorm);     // names a field out of range
        if (encoderLayerNorm && encoderLstm != LstmImplementation.FUSED) {
            throw new IllegalArgumentException("encoderLayerNorm needs the encoder's own LSTM layers (encoderLstm "
                    + LstmImplementation.FUSED + "), got " + encoderLstm);
        }
    }

    private static void vocabulary(String field, int size) {
        if (size < 5) {
            throw new IllegalArgumentException(field + " must be at least 5 (the 4 special tokens and one more), got "
                    + size);
        }
    }

    private static ModelShape shapeOf(int embeddingSize, int hiddenSize, int encoderLayers, double dropout,
                                      boolean feedContext, boolean bidirectional, Attention attention,
                                      int decoderLayers, boolean decoderResidual, boolean decoderLayerNorm,
                                      boolean encoderLayerNorm) {
        return ModelShape.builder().embeddingSize(embeddingSize).hiddenSize(hiddenSize).encoderLayers(encoderLayers)
                .dropout(dropout).feedContext(feedContext).bidirectional(bidirectional).attention(attention)
                .decoderLayers(decoderLayers).decoderResidual(decoderResidual).decoderLayerNorm(decoderLayerNorm)
                .encoderLayerNorm(encoderLayerNorm).build();
    }

    /**
     * A builder for a new model over vocabularies of these sizes, with {@link ModelShape}'s defaults
     * and the encoder of the {@linkplain LstmImplementation#FUSED fused} LSTM layers.
     */
    public static Builder builder(int sourceVocabularySize, int targetVocabularySize) {
        return new Builder(sourceVocabularySize, targetVocabularySize);
    }

    /** A builder holding this configuration's fields. */
    public Builder toBuilder() {
        return builder(sourceVocabularySize, targetVocabularySize).shape(shape()).encoderLstm(encoderLstm);
    }

    /** The sizes and options without the vocabularies. */
    public ModelShape shape() {
        return shapeOf(embeddingSize, hiddenSize, encoderLayers, dropout, feedContext, bidirectional, attention,
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

    /** Collects a configuration's fields; {@link #build()} checks them. */
    public static final class Builder {
        private final int sourceVocabularySize;
        private final int targetVocabularySize;
        private ModelShape.Builder shape = ModelShape.builder();
        private LstmImplementation encoderLstm = LstmImplementation.FUSED;

        private Builder(int sourceVocabularySize, int targetVocabularySize) {
            this.sourceVocabularySize = sourceVocabularySize;
            this.targetVocabularySize = targetVocabularySize;
        }

        /** Every field of {@code shape}. */
        public Builder shape(ModelShape shape) {
            this.shape = shape.toBuilder();
            return this;
        }

        public Builder embeddingSize(int size) {
            shape.embeddingSize(size);
            return this;
        }

        public Builder hiddenSize(int size) {
            shape.hiddenSize(size);
            return this;
        }

        public Builder encoderLayers(int layers) {
            shape.encoderLayers(layers);
            return this;
        }

        public Builder dropout(double probability) {
            shape.dropout(probability);
            return this;
        }

        public Builder feedContext(boolean on) {
            shape.feedContext(on);
            return this;
        }

        public Builder bidirectional(boolean on) {
            shape.bidirectional(on);
            return this;
        }

        public Builder attention(Attention kind) {
            shape.attention(kind);
            return this;
        }

        public Builder decoderLayers(int layers) {
            shape.decoderLayers(layers);
            return this;
        }

        public Builder decoderResidual(boolean on) {
            shape.decoderResidual(on);
            return this;
        }

        public Builder decoderLayerNorm(boolean on) {
            shape.decoderLayerNorm(on);
            return this;
        }

        public Builder encoderLayerNorm(boolean on) {
            shape.encoderLayerNorm(on);
            return this;
        }

        /** Which LSTM layers the encoder is built from: {@link LstmImplementation#DL4J} only for old models' tests. */
        public Builder encoderLstm(LstmImplementation lstm) {
            encoderLstm = java.util.Objects.requireNonNull(lstm, "encoderLstm");
            return this;
        }

        /** @throws IllegalArgumentException naming the first field that is out of range */
        public ModelConfig build() {
            ModelShape s = shape.build();
            return new ModelConfig(sourceVocabularySize, targetVocabularySize, s.embeddingSize(), s.hiddenSize(),
                    s.encoderLayers(), s.dropout(), s.feedContext(), s.bidirectional(), s.attention(), encoderLstm,
                    s.decoderLayers(), s.decoderResidual(), s.decoderLayerNorm(), s.encoderLayerNorm());
        }
    }
}
