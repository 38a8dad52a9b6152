package org.seq2seq.core.model;

import java.util.Objects;
import org.seq2seq.decoder.attention.Attention;

/**
 * What a user chooses about a new model's shape; with the vocabulary sizes, which the corpus
 * decides, it becomes a {@link ModelConfig}. Made by {@link #builder()}, whose defaults are the
 * command line's, which checks every field and names the one that is wrong:
 *
 * <pre>{@code
 * ModelShape shape = ModelShape.builder().hiddenSize(512).bidirectional(true)
 *         .attention(Attention.GENERAL).build();
 * }</pre>
 */
public final class ModelShape {
    private final int embeddingSize;
    private final int hiddenSize;
    private final int encoderLayers;
    private final double dropout;
    private final boolean feedContext;
    private final boolean bidirectional;
    private final Attention attention;
    private final int decoderLayers;
    private final boolean decoderResidual;
    private final boolean decoderLayerNorm;
    private final boolean encoderLayerNorm;

    private ModelShape(Builder b) {
        embeddingSize = atLeastOne("embeddingSize", b.embeddingSize);
        hiddenSize = atLeastOne("hiddenSize", b.hiddenSize);
        encoderLayers = atLeastOne("encoderLayers", b.encoderLayers);
        decoderLayers = atLeastOne("decoderLayers", b.decoderLayers);
        if (!(b.dropout >= 0 && b.dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + b.dropout);
        }
        dropout = b.dropout;
        attention = Objects.requireNonNull(b.attention, "attention");
        if (b.bidirectional && hiddenSize % 2 != 0) {
            throw new IllegalArgumentException("hiddenSize must be even with bidirectional: the encoder splits it "
                    + "between its two directions, got " + hiddenSize);
        }
        if (b.decoderResidual && decoderLayers < 2) {
            throw new IllegalArgumentException("decoderResidual joins stacked decoder layers: it needs decoderLayers "
                    + "of 2 or more, got " + decoderLayers);
        }
        feedContext = b.feedContext;
        bidirectional = b.bidirectional;
        decoderResidual = b.decoderResidual;
        decoderLayerNorm = b.decoderLayerNorm;
        encoderLayerNorm = b.encoderLayerNorm;
    }

    static int atLeastOne(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be at least 1, got " + value);
        }
        return value;
    }

    /** A builder with the command line's defaults: {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this shape's fields. */
    public Builder toBuilder() {
        return new Builder().embeddingSize(embeddingSize).hiddenSize(hiddenSize).encoderLayers(encoderLayers)
                .dropout(dropout).feedContext(feedContext).bidirectional(bidirectional).attention(attention)
                .decoderLayers(decoderLayers).decoderResidual(decoderResidual).decoderLayerNorm(decoderLayerNorm)
                .encoderLayerNorm(encoderLayerNorm);
    }

    /** Embeddings 256, hidden 512, one encoder and one decoder layer, no dropout: the card's plain shape. */
    public static ModelShape defaults() {
        return builder().build();
    }

    /** Size of the source and the target token embeddings. */
    public int embeddingSize() {
        return embeddingSize;
    }

    /** Size of the encoder's and the decoder's states. */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** Stacked encoder LSTM layers. */
    public int encoderLayers() {
        return encoderLayers;
    }

    /** Dropout probability on the RNNs' inputs while training, in [0, 1). */
    public double dropout() {
        return dropout;
    }

    /** Whether the context vector is fed to every decoder step too (Cho et al. 2014). */
    public boolean feedContext() {
        return feedContext;
    }

    /** Whether the encoder reads the source both ways. */
    public boolean bidirectional() {
        return bidirectional;
    }

    /** Luong attention of the decoder over the encoder's outputs, or none. */
    public Attention attention() {
        return attention;
    }

    /** Stacked GRU layers in the decoder. */
    public int decoderLayers() {
        return decoderLayers;
    }

    /** Whether stacked decoder layers are joined by residual connections. */
    public boolean decoderResidual() {
        return decoderResidual;
    }

    /** Whether the decoder's GRU layers are layer-normalized. */
    public boolean decoderLayerNorm() {
        return decoderLayerNorm;
    }

    /** Whether the encoder's LSTM layers are layer-normalized. */
    public boolean encoderLayerNorm() {
        return encoderLayerNorm;
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
        return ModelConfig.builder(sourceVocabularySize, targetVocabularySize).shape(this).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelShape s && embeddingSize == s.embeddingSize && hiddenSize == s.hiddenSize
                && encoderLayers == s.encoderLayers && Double.compare(dropout, s.dropout) == 0
                && feedContext == s.feedContext && bidirectional == s.bidirectional && attention == s.attention
                && decoderLayers == s.decoderLayers && decoderResidual == s.decoderResidual
                && decoderLayerNorm == s.decoderLayerNorm && encoderLayerNorm == s.encoderLayerNorm;
    }

    @Override
    public int hashCode() {
        return Objects.hash(embeddingSize, hiddenSize, encoderLayers, dropout, feedContext, bidirectional, attention,
                decoderLayers, decoderResidual, decoderLayerNorm, encoderLayerNorm);
    }

    @Override
    public String toString() {
        return "ModelShape[embeddingSize=" + embeddingSize + ", hiddenSize=" + hiddenSize + ", encoderLayers="
                + encoderLayers + ", dropout=" + dropout + ", feedContext=" + feedContext + ", bidirectional="
                + bidirectional + ", attention=" + attention + ", decoderLayers=" + decoderLayers
                + ", decoderResidual=" + decoderResidual + ", decoderLayerNorm=" + decoderLayerNorm
                + ", encoderLayerNorm=" + encoderLayerNorm + "]";
    }

    /** Collects a shape's fields; {@link #build()} checks them. */
    public static final class Builder {
        private int embeddingSize = 256;
        private int hiddenSize = 512;
        private int encoderLayers = 1;
        private double dropout;
        private boolean feedContext;
        private boolean bidirectional;
        private Attention attention = Attention.NONE;
        private int decoderLayers = 1;
        private boolean decoderResidual;
        private boolean decoderLayerNorm;
        private boolean encoderLayerNorm;

        private Builder() {
        }

        public Builder embeddingSize(int size) {
            embeddingSize = size;
            return this;
        }

        public Builder hiddenSize(int size) {
            hiddenSize = size;
            return this;
        }

        public Builder encoderLayers(int layers) {
            encoderLayers = layers;
            return this;
        }

        /** In [0, 1). */
        public Builder dropout(double probability) {
            dropout = probability;
            return this;
        }

        public Builder feedContext(boolean on) {
            feedContext = on;
            return this;
        }

        /** Needs an even hidden size. */
        public Builder bidirectional(boolean on) {
            bidirectional = on;
            return this;
        }

        public Builder attention(Attention kind) {
            attention = kind;
            return this;
        }

        public Builder decoderLayers(int layers) {
            decoderLayers = layers;
            return this;
        }

        /** Needs 2 or more decoder layers. */
        public Builder decoderResidual(boolean on) {
            decoderResidual = on;
            return this;
        }

        public Builder decoderLayerNorm(boolean on) {
            decoderLayerNorm = on;
            return this;
        }

        public Builder encoderLayerNorm(boolean on) {
            encoderLayerNorm = on;
            return this;
        }

        /** @throws IllegalArgumentException naming the first field that is out of range */
        public ModelShape build() {
            return new ModelShape(this);
        }
    }
}
