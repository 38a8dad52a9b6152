package org.seq2seq.encoder.lstm;

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
 * Configuration of one encoder LSTM layer, reading the source forward or, when bidirectional,
 * both ways ({@link LstmCell}). Input {@code [B, nIn, S]} (NCW) with the source mask; output
 * {@code [B, nOut, S]}, zero at masked steps. Bidirectional, each direction has {@code nOut / 2}
 * units: features {@code 0 .. nOut/2 − 1} are the forward LSTM's state after reading step s,
 * the rest the backward LSTM's state after reading from the sentence's last real token down to
 * step s.
 *
 * <p>Parameters ({@link LstmEncoderParamInitializer}) per direction: {@code Wx [nIn, 4U]},
 * {@code Wh [U, 4U]}, {@code b [1, 4U]} with U units and gate blocks i, f, o, g; the forget
 * gate's bias starts at 1 as DL4J's {@code LSTM} starts it. Serialized with the graph's JSON
 * through its bean properties; a graph saved before recurrent dropout or layer normalization
 * existed reads as without them.
 */
public class LstmEncoderLayer extends RecurrentLayerConfig {
    private static final long serialVersionUID = 1L;

    private boolean bidirectional;

    /** For JSON deserialization. */
    @SuppressWarnings("unused")
    private LstmEncoderLayer() {
    }

    private LstmEncoderLayer(Builder builder) {
        super(builder);
        this.bidirectional = builder.bidirectional;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("LstmEncoderLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new LstmEncoderLayerImpl(conf, networkDataType), conf, listeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public ParamInitializer initializer() {
        return LstmEncoderParamInitializer.getInstance();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long params = initializer().numParams(this);
        // Per example and step: gates (4U), state, cell and tanh of the cell (3U) per direction,
        // the output, and as much again for backprop.
        long perStep = 2 * (7 * getNOut() + getNOut());
        return new LayerMemoryReport.Builder(getLayerName(), LstmEncoderLayer.class, inputType, outputType)
                .standardMemory(params, 0)
                .workingMemory(0, perStep, MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** Number of directions, 1 or 2. */
    public int directions() {
        return bidirectional ? 2 : 1;
    }

    /** U, the units of each direction. */
    public long unitsPerDirection() {
        return getNOut() / directions();
    }

    /** Whether the layer reads the source both ways. */
    public boolean isBidirectional() {
        return bidirectional;
    }

    public void setBidirectional(boolean bidirectional) {
        this.bidirectional = bidirectional;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LstmEncoderLayer other && super.equals(o) && bidirectional == other.bidirectional;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), bidirectional);
    }

    @Override
    public String toString() {
        return "LstmEncoderLayer(name=" + getLayerName() + ", nIn=" + getNIn() + ", nOut=" + getNOut()
                + ", bidirectional=" + bidirectional + optionsString() + ")";
    }

    /** Builds an {@link LstmEncoderLayer}; NCW data format unless told otherwise. */
    public static final class Builder extends RecurrentLayerConfig.Builder<Builder> {
        private boolean bidirectional;

        private Builder() {
        }

        /** Read the source both ways, {@code nOut / 2} units each. */
        public Builder bidirectional(boolean bidirectional) {
            this.bidirectional = bidirectional;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public LstmEncoderLayer build() {
            validate();
            if (bidirectional && nOut % 2 != 0) {
                throw new IllegalArgumentException("a bidirectional layer splits nOut between its two directions, "
                        + "so it must be even, got " + nOut);
            }
            return new LstmEncoderLayer(this);
        }
    }
}
