package org.seq2seq.decoder.gru;

import java.util.Collection;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seq2seq.nn.LayerWiring;
import org.seq2seq.nn.recurrent.RecurrentLayerConfig;

/**
 * Configuration of the GRU decoder layer: a GRU whose initial state is seeded from a context
 * vector, {@code h0 = tanh(c·Wc + bc)}, and which may read the context at every step too (Cho et
 * al. 2014).
 *
 * <p>The layer has one input, {@code [B, E + C, T]} (NCW): the E features of each step's input
 * (the target embedding) followed by the C features of the context, the same at every step (as
 * {@link AppendContextVertex} produces it, or in models saved before it DL4J's
 * {@code DuplicateToTimeSeriesVertex} and {@code MergeVertex}). {@code nIn} is E + C
 * and {@code contextSize} is C. The output is {@code [B, H, T]}, zero at masked steps.
 *
 * <p>Parameters ({@link GruDecoderParamInitializer}): {@code Wx [E (+C), 3H]}, {@code Wh [H, 3H]},
 * {@code bx, bh [1, 3H]}, {@code Wc [C, H]}, {@code bc [1, H]}, and with layer normalization the
 * gains {@code gx, gh [1, 3H]} ({@link GruWeights}); gate order r, z, n as in PyTorch.
 * Serialized with the graph's JSON through its bean properties; a graph saved before recurrent
 * dropout existed reads as without it.
 */
public class GruDecoderLayer extends RecurrentLayerConfig {
    private static final long serialVersionUID = 1L;

    private int contextSize;
    private boolean feedContext;

    /** For JSON deserialization. */
    @SuppressWarnings("unused")
    private GruDecoderLayer() {
    }

    private GruDecoderLayer(Builder builder) {
        super(builder);
        this.contextSize = builder.contextSize;
        this.feedContext = builder.feedContext;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("GruDecoderLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        if (getNIn() <= contextSize) {
            throw new IllegalStateException("GruDecoderLayer '" + getLayerName() + "': nIn (" + getNIn()
                    + ") must be the step input size plus the context size (" + contextSize + ")");
        }
        return LayerWiring.wire(new GruDecoderLayerImpl(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializeParams, initializer());
    }

    @Override
    public ParamInitializer initializer() {
        return GruDecoderParamInitializer.getInstance();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long params = initializer().numParams(this);
        // Per example and step: the input projection, r, z, n, hn and the state (8H), twice for backprop.
        long perStep = 16 * getNOut();
        return new LayerMemoryReport.Builder(getLayerName(), GruDecoderLayer.class, inputType, outputType)
                .standardMemory(params, 0)
                .workingMemory(0, perStep, MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** E: the features of each step's own input. */
    public long stepInputSize() {
        return getNIn() - contextSize;
    }

    /** C: the context features at the end of the input. */
    public int getContextSize() {
        return contextSize;
    }

    public void setContextSize(int contextSize) {
        this.contextSize = contextSize;
    }

    /** Whether the context also enters every step's input projection. */
    public boolean isFeedContext() {
        return feedContext;
    }

    public void setFeedContext(boolean feedContext) {
        this.feedContext = feedContext;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GruDecoderLayer other && super.equals(o) && contextSize == other.contextSize
                && feedContext == other.feedContext;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), contextSize, feedContext);
    }

    @Override
    public String toString() {
        return "GruDecoderLayer(name=" + getLayerName() + ", nIn=" + getNIn() + ", nOut=" + getNOut()
                + ", contextSize=" + contextSize + ", feedContext=" + feedContext + optionsString() + ")";
    }

    /** Builds a {@link GruDecoderLayer}; NCW data format unless told otherwise. */
    public static final class Builder extends RecurrentLayerConfig.Builder<Builder> {
        private int contextSize;
        private boolean feedContext;

        private Builder() {
        }

        /** C, the context features at the end of each step's input; required. */
        public Builder contextSize(int contextSize) {
            this.contextSize = contextSize;
            return this;
        }

        /** Feed the context to every step as well as to the initial state (Cho et al. 2014). */
        public Builder feedContext(boolean feedContext) {
            this.feedContext = feedContext;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public GruDecoderLayer build() {
            if (contextSize < 1) {
                throw new IllegalArgumentException("contextSize must be at least 1, got " + contextSize);
            }
            validate();
            return new GruDecoderLayer(this);
        }
    }
}
