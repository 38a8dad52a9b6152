package org.seq2seq.decoder.output;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.RnnOutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.TimeSeriesUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seq2seq.nn.Broadcast;
import org.seq2seq.nn.ColumnSums;
import org.seq2seq.nn.Gemm;
import org.seq2seq.nn.InputDropout;
import org.seq2seq.nn.TimeMajor;

/**
 * The layer of {@link SoftmaxOutputLayer}: DL4J's RNN output layer with softmax and sparse
 * cross-entropy, whose training path computes the logits once.
 *
 * <p>DL4J's own layer computes the logits {@code [B·T, V]} twice per step (once for the gradient,
 * once for the score), builds a one-hot label matrix of the same size and makes several passes over
 * it. Here {@link #backpropGradient} computes the logits once, the loss and its gradient in one
 * ({@link SoftmaxCrossEntropy}), and keeps the loss; {@link #computeScore}, which the graph calls
 * right after backpropagation for the same input and labels, returns it instead of recomputing.
 * Scoring without a preceding backpropagation (validation) runs the forward half alone.
 * With input dropout ({@link SoftmaxOutputLayer#getInputDropout}) training drops input features
 * with one mask per input ({@link InputDropout}) and backpropagates through the same mask.
 * Inference ({@code activate}) and per-example scores are DL4J's, with the same loss and activation.
 */
public class SoftmaxOutputLayerImpl extends RnnOutputLayer {
    private static final long serialVersionUID = 1L;

    /** The loss of the last backpropagation and the input and labels it was computed for. */
    private transient double backpropLoss;
    private transient INDArray backpropInput;
    private transient INDArray backpropLabels;
    /** Dropout on the input, created on first use; holds the mask of the current input. */
    private transient InputDropout inputDropout;

    public SoftmaxOutputLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        super.setInput(input, workspaceMgr);
        if (inputDropout != null) {
            inputDropout.reset();
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        long batch = input.size(0);
        INDArray dropped = inputDropout().apply(input, true, getIterationCount(), workspaceMgr, ArrayType.BP_WORKING_MEM);
        INDArray x = TimeSeriesUtils.reshape3dTo2d(dropped, workspaceMgr, ArrayType.BP_WORKING_MEM); // [B·T, H]
        INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);      // [H, V]
        INDArray b = getParamWithNoise(DefaultParamInitializer.BIAS_KEY, true, workspaceMgr);        // [1, V]
        INDArray xw = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, x.dataType(),
                new long[] {x.size(0), w.size(1)}, 'c');                                             // [B·T, V]
        Gemm.into(x, w, xw, false, false, 1.0, 0.0);
        INDArray delta = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, xw.dataType(), xw.shape(), 'c');
        backpropLoss = SoftmaxCrossEntropy.lossAndGradient(xw, b, delta, labelIds(), maskValues(),
                smoothing());                                                       // logits x·W + b; dL/dz [B·T, V]
        backpropInput = input;
        backpropLabels = labels;

        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);              // [H, V]
        Gemm.into(x, delta, weightGradient, true, false, 1.0, 0.0);
        INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);                  // [1, V]
        ColumnSums.into(delta, biasGradient);
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);

        INDArray epsilon2d = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, x.dataType(),
                new long[] {x.size(0), x.size(1)}, 'c');                                              // [B·T, H]
        Gemm.into(delta, w, epsilon2d, false, true, 1.0, 0.0);
        weightNoiseParams.clear();
        INDArray epsilon3d = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(),
                new long[] {batch, x.size(1), x.size(0) / batch}, 'c');                              // [B, H, T]
        TimeMajor.toNcw(epsilon2d, epsilon3d);
        return new Pair<>(gradient, inputDropout().backprop(epsilon3d));                            // [B, H, T]
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (input == null || labels == null) {
            throw new IllegalStateException("Cannot calculate score without input and labels " + layerId());
        }
        double loss;
        if (training && input == backpropInput && labels == backpropLabels) {
            loss = backpropLoss;
        } else {
            INDArray x = TimeSeriesUtils.reshape3dTo2d(input, workspaceMgr, ArrayType.FF_WORKING_MEM);   // [B·T, H]
            INDArray z = logits(x, training, workspaceMgr, ArrayType.FF_WORKING_MEM);                 // [B·T, V]
            INDArray p = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, z.dataType(), z.shape(), 'c');
            loss = SoftmaxCrossEntropy.loss(z, p, labelIds(), maskValues(), training ? smoothing() : 0);
        }
        backpropInput = null;
        backpropLabels = null;
        double score = loss + fullNetRegTerm;
        if (conf().isMiniBatch()) {
            score /= getInputMiniBatchSize();
        }
        this.score = score;
        return score;
    }

    private InputDropout inputDropout() {
        if (inputDropout == null) {
            inputDropout = new InputDropout(((SoftmaxOutputLayer) layerConf()).getInputDropout(), getIndex());
        }
        return inputDropout;
    }

    /** Training's label smoothing ε; scoring without training is the plain cross-entropy (perplexity). */
    private double smoothing() {
        return ((SoftmaxOutputLayer) layerConf()).getLabelSmoothing();
    }

    @Override
    public void clear() {
        super.clear();
        backpropInput = null;
        backpropLabels = null;
    }

    /**
     * @param x {@code [N, H]}
     * @return {@code x·W + b}, {@code [N, V]} in 'c' order
     */
    private INDArray logits(INDArray x, boolean training, LayerWorkspaceMgr workspaceMgr, ArrayType arrayType) {
        INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, training, workspaceMgr);   // [H, V]
        INDArray b = getParamWithNoise(DefaultParamInitializer.BIAS_KEY, training, workspaceMgr);     // [1, V]
        INDArray z = workspaceMgr.createUninitialized(arrayType, x.dataType(), new long[] {x.size(0), w.size(1)}, 'c');
        Gemm.into(x, w, z, false, false, 1.0, 0.0);
        return Broadcast.addRow(z, b);
    }

    /** The labels {@code [B, 1, T]} as B·T ids, in the row order of the 2d input. */
    private int[] labelIds() {
        if (labels.rank() != 3 || labels.size(1) != 1) {
            throw new IllegalStateException("labels must be token ids [B, 1, T], got "
                    + java.util.Arrays.toString(labels.shape()) + " " + layerId());
        }
        return TimeSeriesUtils.reshape3dTo2d(labels).toIntVector();
    }

    /** The label mask as B·T values in the row order of the 2d input, or null. */
    private double[] maskValues() {
        return maskArray == null ? null : maskArray.toDoubleVector();
    }
}
