package org.seq2seq.decoder.gru;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

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
import org.nd4j.linalg.ops.transforms.Transforms;
import org.seq2seq.nn.Arena;
import org.seq2seq.nn.Broadcast;
import org.seq2seq.nn.Gemm;
import org.seq2seq.nn.KeptPass;
import org.seq2seq.nn.TimeMajor;
import org.seq2seq.nn.recurrent.RecurrentLayerImpl;

/**
 * The GRU decoder layer (see {@link GruDecoderLayer} for its input layout and parameters).
 * Forward: split the input into step inputs x {@code [T·B, E]} and context c {@code [B, C]},
 * seed {@code h0 = tanh(c·Wc + bc)}, run {@link GruCell}. Backward: {@link GruCell#backward} on
 * the trace of the training forward pass, which the layer keeps ({@link KeptPass}) until then (a
 * backward pass without a training forward pass on the same input recomputes it), then through
 * the seeding and, when fed to every step, the context's share of the input projection.
 */
public class GruDecoderLayerImpl extends RecurrentLayerImpl<GruDecoderLayer, GruDecoderLayerImpl.Pass> {
    private static final long serialVersionUID = 1L;
    private static final String STATE = "h";

    public GruDecoderLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** One forward pass: the trace and what the backward pass needs besides. */
    record Pass(GruCell.Trace trace, INDArray context, INDArray h0, INDArray output) {
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return forward(training, null, workspaceMgr).output();
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        Pass pass = forward(false, stateMap.get(STATE), workspaceMgr);
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            stateMap.put(STATE, pass.trace().last().dup());
        }
        return pass.output();
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        Pass pass = forward(training, tBpttStateMap.get(STATE), workspaceMgr);
        if (storeLastForTBPTT) {
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                tBpttStateMap.put(STATE, pass.trace().last().dup());
            }
        }
        return pass.output();
    }

    /**
     * Backpropagation through the whole sequence.
     *
     * @param epsilon dL/d(output) {@code [B, H, T]}
     * @return the parameter gradients and dL/d(input) {@code [B, E + C, T]}
     */
    @Override
    protected Pair<Gradient, INDArray> backpropThroughTime(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        GruDecoderLayer c = layerConf();
        int e = (int) c.stepInputSize();
        int contextSize = c.getContextSize();
        Pass pass = kept().take(input, maskArray);
        if (pass == null) {
            pass = forward(true, null, workspaceMgr);
            kept().forget();
        }
        GruCell.Trace trace = pass.trace();
        int batch = trace.batch();
        int steps = trace.steps();
        int h = (int) c.getNOut();

        INDArray eps = permuteIfNWC(epsilon).castTo(dataType);                       // [B, H, T]
        INDArray dOut = TimeMajor.fromNcw(eps, h);                                     // [T·B, H]
        if (maskArray != null) {                                                       // masked outputs are constant 0
            Broadcast.mulColumn(dOut, timeMajorMask(maskArray, batch, steps));
        }

        INDArray wx = getParamWithNoise(GruDecoderParamInitializer.INPUT_WEIGHTS, true, workspaceMgr);
        INDArray wc = getParamWithNoise(GruDecoderParamInitializer.CONTEXT_WEIGHTS, true, workspaceMgr);
        gradientsFlattened.assign(0);
        INDArray gWx = gradientViews.get(GruDecoderParamInitializer.INPUT_WEIGHTS);      // [E + C, 3H]
        GruCell.InputGradients g = GruCell.backward(weights(true, workspaceMgr), trace, dOut, null,
                gWx.get(interval(0, e), all()),                                        // written in place
                gradientViews.get(GruDecoderParamInitializer.RECURRENT_WEIGHTS),
                gradientViews.get(GruDecoderParamInitializer.INPUT_BIAS),
                gradientViews.get(GruDecoderParamInitializer.RECURRENT_BIAS),
                gradientViews.get(GruDecoderParamInitializer.INPUT_GAIN),
                gradientViews.get(GruDecoderParamInitializer.RECURRENT_GAIN));

        // Through the seeding h0 = tanh(c·Wc + bc).
        INDArray context = pass.context();                                             // [B, C]
        INDArray da0 = g.dh0().mul(pass.h0().mul(pass.h0()).rsubi(1.0));               // [B, H]
        Gemm.into(context, da0, gradientViews.get(GruDecoderParamInitializer.CONTEXT_WEIGHTS), true, false, 1.0, 0.0);
        gradientViews.get(GruDecoderParamInitializer.CONTEXT_BIAS).assign(da0.sum(true, 0));
        INDArray dContext = Gemm.product(da0, wc.transpose());                                  // [B, C]
        if (c.isFeedContext()) {                                                       // and through every step
            INDArray wxContext = wx.get(interval(e, e + contextSize), all());
            Gemm.into(context, g.dExtraGates(), gWx.get(interval(e, e + contextSize), all()), true, false, 1.0, 0.0);
            Gemm.into(g.dExtraGates(), wxContext, dContext, false, true, 1.0, 1.0);
        }

        INDArray dx = g.dx();                                                          // [T·B, E]
        dx = inputDropout().backprop(dx);
        INDArray epsOut = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType,
                new long[] {batch, e + contextSize, steps}, 'c');
        TimeMajor.toNcw(dx, epsOut, 0);                                                // features 0 … E-1
        epsOut.get(all(), interval(e, e + contextSize), point(0)).assign(dContext);    // c is read at step 0

        weightNoiseParams.clear();
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        for (String key : GruDecoderParamInitializer.getInstance().paramKeys(c)) {
            gradient.gradientForVariable().put(key, gradientViews.get(key));
        }
        return new Pair<>(gradient, layerConf().getRnnDataFormat() == RNNFormat.NWC ? epsOut.permute(0, 2, 1) : epsOut);
    }

    /**
     * @param training     whether dropout (on the inputs and the recurrent state) applies; when training (from the context), the pass
     *                     is kept for backprop (and the one kept before is given up)
     * @param initialState a state to continue from {@code [B, H]}, or null to seed from the context
     */
    private Pass forward(boolean training, INDArray initialState, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        GruDecoderLayer c = layerConf();
        int e = (int) c.stepInputSize();
        int contextSize = c.getContextSize();
        INDArray in = permuteIfNWC(input).castTo(dataType);                            // [B, E + C, T]
        if (in.rank() != 3 || in.size(1) != e + contextSize) {
            throw new IllegalStateException("GruDecoderLayerImpl '" + c.getLayerName() + "' expects input [batch, "
                    + (e + contextSize) + ", time], got " + java.util.Arrays.toString(in.shape()));
        }
        int batch = (int) in.size(0);
        int steps = (int) in.size(2);

        Arena traceArena = training && initialState == null ? kept().begin() : null;
        INDArray x = timeMajorInputs(in, e, training, workspaceMgr);                   // [T·B, E], dropped out
        INDArray context = in.get(all(), interval(e, e + contextSize), point(0)).dup('c');   // [B, C]
        if (traceArena != null) {
            x = traceArena.copyOf(x);
            context = traceArena.copyOf(context);
        }
        INDArray wc = getParamWithNoise(GruDecoderParamInitializer.CONTEXT_WEIGHTS, training, workspaceMgr);
        INDArray bc = getParamWithNoise(GruDecoderParamInitializer.CONTEXT_BIAS, training, workspaceMgr);
        INDArray h0 = Transforms.tanh(Broadcast.addRow(Gemm.product(context, wc), bc), false);      // [B, H]
        if (traceArena != null) {
            h0 = traceArena.copyOf(h0);
        }
        INDArray extraGates = null;
        if (c.isFeedContext()) {
            INDArray wx = getParamWithNoise(GruDecoderParamInitializer.INPUT_WEIGHTS, training, workspaceMgr);
            extraGates = Gemm.product(context, wx.get(interval(e, e + contextSize), all()));    // [B, 3H]
        }
        INDArray recurrentMask = recurrentDropout().mask(batch, c.getNOut(), dataType, training, getIterationCount());
        GruCell.Trace trace = GruCell.forward(weights(training, workspaceMgr), x,
                initialState == null ? h0 : initialState.castTo(dataType), maskArray, extraGates, recurrentMask,
                traceArena);

        long h = c.getNOut();
        INDArray output = workspaceMgr.create(ArrayType.ACTIVATIONS, dataType, new long[] {batch, h, steps}, 'c');
        TimeMajor.toNcw(trace.outputs(), output);
        if (maskArray != null) {
            Broadcast.mul(output, maskArray.castTo(dataType), 0, 2);
        }
        if (c.getRnnDataFormat() == RNNFormat.NWC) {
            output = output.permute(0, 2, 1);
        }
        Pass pass = new Pass(trace, context, h0, output);
        return traceArena != null ? kept().keep(pass, input, maskArray) : pass;
    }

    /** The step-input weights and biases: Wx's first E rows, Wh, bx, bh, and the gains if any. */
    private GruWeights weights(boolean training, LayerWorkspaceMgr workspaceMgr) {
        int e = (int) layerConf().stepInputSize();
        boolean normalized = layerConf().isLayerNorm();
        INDArray wx = getParamWithNoise(GruDecoderParamInitializer.INPUT_WEIGHTS, training, workspaceMgr);
        return new GruWeights(wx.get(interval(0, e), all()),
                getParamWithNoise(GruDecoderParamInitializer.RECURRENT_WEIGHTS, training, workspaceMgr),
                getParamWithNoise(GruDecoderParamInitializer.INPUT_BIAS, training, workspaceMgr),
                getParamWithNoise(GruDecoderParamInitializer.RECURRENT_BIAS, training, workspaceMgr),
                normalized ? getParamWithNoise(GruDecoderParamInitializer.INPUT_GAIN, training, workspaceMgr) : null,
                normalized ? getParamWithNoise(GruDecoderParamInitializer.RECURRENT_GAIN, training, workspaceMgr)
                        : null);
    }

    /** A {@code [B, T]} mask as a time-major column {@code [T·B, 1]}. */
    private INDArray timeMajorMask(INDArray mask, int batch, int steps) {
        return mask.castTo(dataType).transpose().dup('c').reshape('c', (long) steps * batch, 1);
    }
}
