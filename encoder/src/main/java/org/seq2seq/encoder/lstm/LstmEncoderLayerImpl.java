package org.seq2seq.encoder.lstm;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.nn.Arena;
import org.seq2seq.nn.Broadcast;
import org.seq2seq.nn.KeptPass;
import org.seq2seq.nn.TimeMajor;
import org.seq2seq.nn.recurrent.RecurrentLayerImpl;

/**
 * The encoder LSTM layer (see {@link LstmEncoderLayer} for its layout and parameters). Forward:
 * the input as time-major rows {@code [S·B, nIn]}, then {@link LstmCell} forward from a zero
 * state, and for a bidirectional layer once more in reverse. Backward: {@link LstmCell#backward}
 * per direction, on the traces of the training forward pass, which the layer keeps
 * ({@link KeptPass}) until then (a backward pass without a training forward pass on the same input
 * recomputes it). The encoder reads whole sentences, so there is no step-by-step mode.
 */
public class LstmEncoderLayerImpl extends RecurrentLayerImpl<LstmEncoderLayer, LstmEncoderLayerImpl.Pass> {
    private static final long serialVersionUID = 1L;

    public LstmEncoderLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** One forward pass: each direction's trace and the layer output. */
    record Pass(LstmCell.Trace[] traces, INDArray output) {
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return forward(training, workspaceMgr).output();
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException("the encoder LSTM '" + layerConf().getLayerName()
                + "' reads whole sentences; it has no step-by-step mode");
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException("the encoder LSTM '" + layerConf().getLayerName()
                + "' reads whole sentences; it does not support truncated BPTT");
    }

    /**
     * Backpropagation through the whole sequence.
     *
     * @param epsilon dL/d(output) {@code [B, nOut, S]}
     * @return the parameter gradients and dL/d(input) {@code [B, nIn, S]}
     */
    @Override
    protected Pair<Gradient, INDArray> backpropThroughTime(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        LstmEncoderLayer c = layerConf();
        Pass pass = kept().take(input, maskArray);
        if (pass == null) {
            pass = forward(true, workspaceMgr);
            kept().forget();
        }
        int batch = pass.traces()[0].batch();
        int steps = pass.traces()[0].steps();
        long u = c.unitsPerDirection();
        long in = c.getNIn();

        INDArray eps = permuteIfNWC(epsilon).castTo(dataType);                       // [B, nOut, S]
        INDArray mask = maskArray == null ? null
                : maskArray.castTo(dataType).transpose().dup('c').reshape('c', (long) steps * batch, 1);
        gradientsFlattened.assign(0);
        INDArray dx = null;                                                            // [S·B, nIn]
        for (int d = 0; d < c.directions(); d++) {
            INDArray dOut = TimeMajor.fromNcw(eps, d * u, u);                          // [S·B, U]
            if (mask != null) {                                                        // masked outputs are constant 0
                Broadcast.mulColumn(dOut, mask);
            }
            List<String> keys = LstmEncoderParamInitializer.keys(d);
            List<String> gains = LstmEncoderParamInitializer.gainKeys(d);
            LstmCell.InputGradients g = LstmCell.backward(weights(d, true, workspaceMgr), pass.traces()[d], dOut,
                    gradientViews.get(keys.get(0)), gradientViews.get(keys.get(1)), gradientViews.get(keys.get(2)),
                    gradientViews.get(gains.get(0)), gradientViews.get(gains.get(1)));
            dx = dx == null ? g.dx() : dx.addi(g.dx());
        }
        dx = inputDropout().backprop(dx);
        INDArray epsOut = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, new long[] {batch, in, steps}, 'c');
        TimeMajor.toNcw(dx, epsOut);

        weightNoiseParams.clear();
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        for (String key : LstmEncoderParamInitializer.getInstance().paramKeys(c)) {
            gradient.gradientForVariable().put(key, gradientViews.get(key));
        }
        return new Pair<>(gradient, c.getRnnDataFormat() == RNNFormat.NWC ? epsOut.permute(0, 2, 1) : epsOut);
    }

    /**
     * @param training whether dropout (on the inputs and the recurrent state) applies; when training, the pass is kept for backprop (and
     *                 the one kept before is given up)
     */
    private Pass forward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        LstmEncoderLayer c = layerConf();
        INDArray in = permuteIfNWC(input).castTo(dataType);                            // [B, nIn, S]
        if (in.rank() != 3 || in.size(1) != c.getNIn()) {
            throw new IllegalStateException("LstmEncoderLayerImpl '" + c.getLayerName() + "' expects input [batch, "
                    + c.getNIn() + ", time], got " + java.util.Arrays.toString(in.shape()));
        }
        int batch = (int) in.size(0);
        int steps = (int) in.size(2);
        long u = c.unitsPerDirection();

        Arena traceArena = training ? kept().begin() : null;
        INDArray x = timeMajorInputs(in, in.size(1), training, workspaceMgr);          // [S·B, nIn], dropped out
        if (traceArena != null) {
            x = traceArena.copyOf(x);
        }
        LstmCell.Trace[] traces = new LstmCell.Trace[c.directions()];
        INDArray output = workspaceMgr.create(ArrayType.ACTIVATIONS, dataType,
                new long[] {batch, c.getNOut(), steps}, 'c');                          // [B, nOut, S]
        INDArray recurrentMask = recurrentDropout().mask(batch, c.getNOut(), dataType, training,
                getIterationCount());                                          // [B, nOut]: both directions
        for (int d = 0; d < traces.length; d++) {
            INDArray directionMask = null;                                             // [B, U]
            if (recurrentMask != null) {
                try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    directionMask = recurrentMask.get(all(), interval(d * u, (d + 1) * u)).dup('c');   // kept with the trace
                }
            }
            traces[d] = LstmCell.forward(weights(d, training, workspaceMgr), x, null, null, batch, maskArray, d == 1,
                    directionMask, traceArena);
            TimeMajor.toNcw(traces[d].outputs(), output, d * u);
        }
        if (maskArray != null) {
            Broadcast.mul(output, maskArray.castTo(dataType), 0, 2);
        }
        if (c.getRnnDataFormat() == RNNFormat.NWC) {
            output = output.permute(0, 2, 1);
        }
        Pass pass = new Pass(traces, output);
        return training ? kept().keep(pass, input, maskArray) : pass;
    }

    /** Direction d's weights (and gains, if any): 0 forward, 1 backward. */
    private LstmWeights weights(int direction, boolean training, LayerWorkspaceMgr workspaceMgr) {
        List<String> keys = LstmEncoderParamInitializer.keys(direction);
        List<String> gains = LstmEncoderParamInitializer.gainKeys(direction);
        boolean normalized = layerConf().isLayerNorm();
        return new LstmWeights(getParamWithNoise(keys.get(0), training, workspaceMgr),
                getParamWithNoise(keys.get(1), training, workspaceMgr),
                getParamWithNoise(keys.get(2), training, workspaceMgr),
                normalized ? getParamWithNoise(gains.get(0), training, workspaceMgr) : null,
                normalized ? getParamWithNoise(gains.get(1), training, workspaceMgr) : null);
    }
}
