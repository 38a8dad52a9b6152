package org.seq2seq.nn.recurrent;

import java.util.Objects;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;

/**
 * The configuration both of our recurrent layers extend: DL4J's recurrent layer options plus
 * dropout on the inputs, variational dropout on the recurrent state and layer normalization of
 * the projections. Serialized with the graph's JSON through its fields, under the same names as
 * when each layer declared them; a graph saved before an option existed reads as without it.
 */
public abstract class RecurrentLayerConfig extends BaseRecurrentLayer {
    private static final long serialVersionUID = 1L;

    private double inputDropout;
    private double recurrentDropout;
    private boolean layerNorm;

    /** For JSON deserialization. */
    protected RecurrentLayerConfig() {
    }

    protected RecurrentLayerConfig(Builder<?> builder) {
        super(builder);
        this.inputDropout = builder.inputDropout;
        this.recurrentDropout = builder.recurrentDropout;
        this.layerNorm = builder.layerNorm;
    }

    /** Probability of dropping each input feature while training. */
    public double getInputDropout() {
        return inputDropout;
    }

    public void setInputDropout(double inputDropout) {
        this.inputDropout = inputDropout;
    }

    /**
     * Probability of dropping each value of the state where it enters the recurrent product,
     * while training: variational dropout, one mask per sequence for all its steps.
     */
    public double getRecurrentDropout() {
        return recurrentDropout;
    }

    public void setRecurrentDropout(double recurrentDropout) {
        this.recurrentDropout = recurrentDropout;
    }

    /**
     * Whether the input and the recurrent projections are layer-normalized, each with its own
     * gain (Ba et al. 2016).
     */
    public boolean isLayerNorm() {
        return layerNorm;
    }

    public void setLayerNorm(boolean layerNorm) {
        this.layerNorm = layerNorm;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecurrentLayerConfig other && o.getClass() == getClass() && super.equals(o)
                && inputDropout == other.inputDropout && recurrentDropout == other.recurrentDropout
                && layerNorm == other.layerNorm;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), inputDropout, recurrentDropout, layerNorm);
    }

    /** The options for {@code toString}: {@code ", inputDropout=…"} and those that are on. */
    protected String optionsString() {
        return ", inputDropout=" + inputDropout + (recurrentDropout > 0 ? ", recurrentDropout=" + recurrentDropout : "")
                + (layerNorm ? ", layerNorm=true" : "");
    }

    /**
     * Builds a recurrent layer; NCW data format unless told otherwise.
     *
     * @param <T> the concrete builder
     */
    public abstract static class Builder<T extends Builder<T>> extends BaseRecurrentLayer.Builder<T> {
        private double inputDropout;
        private double recurrentDropout;
        private boolean layerNorm;

        protected Builder() {
            dataFormat(RNNFormat.NCW);
        }

        /** Dropout probability on the inputs while training, in [0, 1). */
        @SuppressWarnings("unchecked")
        public T inputDropout(double inputDropout) {
            this.inputDropout = inputDropout;
            return (T) this;
        }

        /** Variational dropout probability on the recurrent state while training, in [0, 1). */
        @SuppressWarnings("unchecked")
        public T recurrentDropout(double recurrentDropout) {
            this.recurrentDropout = recurrentDropout;
            return (T) this;
        }

        /** Layer-normalize the input and the recurrent projections (Ba et al. 2016). */
        @SuppressWarnings("unchecked")
        public T layerNorm(boolean layerNorm) {
            this.layerNorm = layerNorm;
            return (T) this;
        }

        /** @throws IllegalArgumentException naming the option that is out of range */
        protected void validate() {
            if (!(inputDropout >= 0 && inputDropout < 1)) {
                throw new IllegalArgumentException("inputDropout must be in [0, 1), got " + inputDropout);
            }
            if (!(recurrentDropout >= 0 && recurrentDropout < 1)) {
                throw new IllegalArgumentException("recurrentDropout must be in [0, 1), got " + recurrentDropout);
            }
        }
    }
}
