package org.seq2seq.nn.recurrent;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seq2seq.nn.InputDropout;
import org.seq2seq.nn.KeptPass;
import org.seq2seq.nn.RecurrentDropout;
import org.seq2seq.nn.TimeMajor;

/**
 * What both of our recurrent layers' implementations hold per input: the dropout masks of the
 * inputs and of the recurrent state (made on first use, dropped when a new input is set) and the
 * training forward pass, kept for the backward pass on the same input.
 *
 * @param <C> the layer's configuration
 * @param <P> what a forward pass leaves for the backward pass
 */
public abstract class RecurrentLayerImpl<C extends RecurrentLayerConfig, P> extends BaseRecurrentLayer<C> {
    private static final long serialVersionUID = 1L;

    private transient InputDropout inputDropout;
    private transient RecurrentDropout recurrentDropout;
    private transient KeptPass<P> kept;

    protected RecurrentLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        super.setInput(input, workspaceMgr);
        if (inputDropout != null) {
            inputDropout.reset();
        }
        if (recurrentDropout != null) {
            recurrentDropout.reset();
        }
        kept().forget();
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return tbpttBackpropGradient(epsilon, -1, workspaceMgr);
    }

    /**
     * Backpropagation through the whole sequence ({@link #backpropThroughTime}).
     *
     * @throws UnsupportedOperationException for truncated BPTT, which layers reading whole
     *         sentences do not use
     */
    @Override
    public final Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
                                                                LayerWorkspaceMgr workspaceMgr) {
        if (tbpttBackLength > 0) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support truncated BPTT");
        }
        assertInputSet(true);
        return backpropThroughTime(epsilon, workspaceMgr);
    }

    /**
     * Backpropagation through the whole sequence of the current input.
     *
     * @param epsilon dL/d(output) {@code [B, nOut, T]}
     * @return the parameter gradients and dL/d(input) {@code [B, nIn, T]}
     */
    protected abstract Pair<Gradient, INDArray> backpropThroughTime(INDArray epsilon, LayerWorkspaceMgr workspaceMgr);

    /** The training forward pass kept for backprop. */
    protected final KeptPass<P> kept() {
        if (kept == null) {
            kept = new KeptPass<>();
        }
        return kept;
    }

    /** Dropout on the inputs; holds the mask of the current input. */
    protected final InputDropout inputDropout() {
        if (inputDropout == null) {
            inputDropout = new InputDropout(layerConf().getInputDropout(), getIndex());
        }
        return inputDropout;
    }

    /** Dropout on the recurrent state; holds the mask of the current input. */
    protected final RecurrentDropout recurrentDropout() {
        if (recurrentDropout == null) {
            recurrentDropout = new RecurrentDropout(layerConf().getRecurrentDropout(), getIndex());
        }
        return recurrentDropout;
    }

    /**
     * The first {@code features} features of every step of an NCW input, time-major
     * {@code [T·B, features]}, with dropout when training.
     *
     * @param in {@code [B, F, T]} with F ≥ features
     */
    protected final INDArray timeMajorInputs(INDArray in, long features, boolean training,
                                             LayerWorkspaceMgr workspaceMgr) {
        INDArray x = TimeMajor.fromNcw(in, features);
        return inputDropout().apply(x, training, getIterationCount(), workspaceMgr, ArrayType.INPUT);
    }
}
