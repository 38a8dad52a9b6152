package org.seq2seq.decoder.output;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;
import org.seq2seq.nn.LayerWiring;

/**
 * Configuration of the decoder's output layer: {@code softmax(h·W + b)} over the target vocabulary
 * at every step, trained with cross-entropy against integer label ids {@code [B, 1, T]} under the
 * label mask. The same parameters ({@code W [H, V]}, {@code b [1, V]}), loss and output as DL4J's
 * {@code RnnOutputLayer} with softmax and {@code LossSparseMCXENT} in NCW format, so a model saved
 * with that layer and one saved with this one are read the same way; only training is faster
 * ({@link SoftmaxOutputLayerImpl}).
 */
public class SoftmaxOutputLayer extends RnnOutputLayer {
    private static final long serialVersionUID = 1L;

    /** ε of label smoothing in training ({@link SoftmaxCrossEntropy}); 0 (and absent in older models): none. */
    private double labelSmoothing;
    /** Dropout probability on the layer's input in training; 0 (and absent in older models): none. */
    private double inputDropout;

    /** For JSON deserialization; use {@link #of}. */
    public SoftmaxOutputLayer() {
        setLossFn(new LossSparseMCXENT());
        setActivationFn(new ActivationSoftmax());
        setRnnDataFormat(RNNFormat.NCW);
        setHasBias(true);
    }

    /**
     * @param hiddenSize     H, the features of each step's input
     * @param vocabularySize V, the number of output classes
     */
    public static SoftmaxOutputLayer of(long hiddenSize, long vocabularySize) {
        if (hiddenSize < 1 || vocabularySize < 1) {
            throw new IllegalArgumentException("the input size and the vocabulary size must be at least 1, got "
                    + hiddenSize + " and " + vocabularySize);
        }
        SoftmaxOutputLayer layer = new SoftmaxOutputLayer();
        layer.setNIn(hiddenSize);
        layer.setNOut(vocabularySize);
        return layer;
    }

    /** This layer, trained against targets smoothed by {@code epsilon} in {@code [0, 1)}. */
    public SoftmaxOutputLayer withLabelSmoothing(double epsilon) {
        setLabelSmoothing(epsilon);
        return this;
    }

    /** This layer, its input dropped with {@code probability} in {@code [0, 1)} while training. */
    public SoftmaxOutputLayer withInputDropout(double probability) {
        setInputDropout(probability);
        return this;
    }

    /**
     * Dropout probability on the input (the decoder's or the attention's output, before the
     * projection to the vocabulary) while training; validation and translation read it whole.
     */
    public double getInputDropout() {
        return inputDropout;
    }

    /** For JSON; use {@link #withInputDropout}. */
    public void setInputDropout(double probability) {
        if (!(probability >= 0 && probability < 1)) {
            throw new IllegalArgumentException("the output layer's input dropout must be in [0, 1), got "
                    + probability);
        }
        inputDropout = probability;
    }

    /** ε of label smoothing: training's loss and gradient use it, scoring without training does not. */
    public double getLabelSmoothing() {
        return labelSmoothing;
    }

    /** For JSON; use {@link #withLabelSmoothing}. */
    public void setLabelSmoothing(double epsilon) {
        if (!(epsilon >= 0 && epsilon < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + epsilon);
        }
        labelSmoothing = epsilon;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("SoftmaxOutputLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        String problem = !(getLossFn() instanceof LossSparseMCXENT) ? "its loss must be LossSparseMCXENT"
                : !(getActivationFn() instanceof ActivationSoftmax) ? "its activation must be softmax"
                : getRnnDataFormat() != RNNFormat.NCW ? "its data format must be NCW"
                : !hasBias() ? "it must have a bias"
                : getIDropout() != null || getWeightNoise() != null ? "it supports neither dropout nor weight noise"
                : null;
        if (problem != null) {
            throw new IllegalStateException("SoftmaxOutputLayer '" + getLayerName() + "': " + problem);
        }
        return LayerWiring.wire(new SoftmaxOutputLayerImpl(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializeParams, initializer());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SoftmaxOutputLayer other && labelSmoothing == other.labelSmoothing
                && inputDropout == other.inputDropout && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * super.hashCode() + Double.hashCode(labelSmoothing)) + Double.hashCode(inputDropout);
    }

    @Override
    public String toString() {
        return "SoftmaxOutputLayer(name=" + getLayerName() + ", nIn=" + getNIn() + ", nOut=" + getNOut()
                + (labelSmoothing > 0 ? ", labelSmoothing=" + labelSmoothing : "") + ")";
    }
}
