package org.seq2seq.decoder.gru;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.seq2seq.nn.Broadcast;
import org.seq2seq.nn.Gemm;
import org.seq2seq.nn.LayerNorm;
import org.seq2seq.nn.NativeFloats;
import org.seq2seq.nn.NormalizedProjections;
import org.seq2seq.nn.runtime.Scratch;

/**
 * One decoder step at a time for a batch of states, on the parameters of a (trained) GRU decoder
 * layer: what search needs, without running the graph. It reads the layer's parameter arrays as
 * they are, so it computes exactly what the layer computes. Thread-safe.
 *
 * <pre>{@code
 * GruDecoderStep step = GruDecoderStep.of(layerConf, graph.getLayer("decoder").paramTable());
 * INDArray h = step.initialState(context);               // [N, H]
 * INDArray gates = step.contextGates(context);           // [N, 3H] or null
 * h = step.next(embeddedPreviousTokens, h, gates);       // [N, H]
 * }</pre>
 */
public final class GruDecoderStep {
    private final GruWeights weights;
    private final INDArray contextInputWeights;
    private final INDArray contextWeights;
    private final INDArray contextBias;
    // the float path's vectors on the Java heap, read once instead of every step; null for other types
    private final float[] bx;
    private final float[] bh;
    private final float[] gainX;
    private final float[] gainH;

    private GruDecoderStep(GruWeights weights, INDArray contextInputWeights, INDArray contextWeights,
                           INDArray contextBias) {
        this.weights = weights;
        this.contextInputWeights = contextInputWeights;
        this.contextWeights = contextWeights;
        this.contextBias = contextBias;
        boolean floats = weights.bx().dataType() == DataType.FLOAT;
        bx = floats ? NativeFloats.read(weights.bx()) : null;
        bh = floats ? NativeFloats.read(weights.bh()) : null;
        gainX = floats && weights.layerNormalized() ? NativeFloats.read(weights.gainX()) : null;
        gainH = floats && weights.layerNormalized() ? NativeFloats.read(weights.gainH()) : null;
    }

    /**
     * @param conf   the layer's configuration
     * @param params the layer's parameter table (keys of {@link GruDecoderParamInitializer})
     */
    public static GruDecoderStep of(GruDecoderLayer conf, Map<String, INDArray> params) {
        int e = (int) conf.stepInputSize();
        INDArray wx = Objects.requireNonNull(params.get(GruDecoderParamInitializer.INPUT_WEIGHTS), "Wx");
        GruWeights weights = new GruWeights(wx.get(interval(0, e), all()),
                params.get(GruDecoderParamInitializer.RECURRENT_WEIGHTS),
                params.get(GruDecoderParamInitializer.INPUT_BIAS),
                params.get(GruDecoderParamInitializer.RECURRENT_BIAS),
                conf.isLayerNorm() ? params.get(GruDecoderParamInitializer.INPUT_GAIN) : null,
                conf.isLayerNorm() ? params.get(GruDecoderParamInitializer.RECURRENT_GAIN) : null);
        INDArray contextInput = conf.isFeedContext() ? wx.get(interval(e, e + conf.getContextSize()), all()) : null;
        return new GruDecoderStep(weights, contextInput, params.get(GruDecoderParamInitializer.CONTEXT_WEIGHTS),
                params.get(GruDecoderParamInitializer.CONTEXT_BIAS));
    }

    /** H. */
    public int hiddenSize() {
        return weights.hiddenSize();
    }

    /** {@code tanh(c·Wc + bc)}: the state before the first step, {@code [N, H]} from context {@code [N, C]}. */
    public INDArray initialState(INDArray context) {
        return Transforms.tanh(Broadcast.addRow(Gemm.product(context, contextWeights), contextBias), false);
    }

    /**
     * The context's share of every step's input projection {@code [N, 3H]}, or null when the
     * layer does not feed the context to every step. Compute it once per sentence.
     */
    public INDArray contextGates(INDArray context) {
        return contextInputWeights == null ? null : Gemm.product(context, contextInputWeights);
    }

    /**
     * One step.
     *
     * @param input        each row's step input (the embedded previous token) {@code [N, E]}
     * @param state        each row's state {@code [N, H]}
     * @param contextGates from {@link #contextGates}, or null
     * @return the new states {@code [N, H]}, which are also the step's outputs. Float arrays take
     *         {@link GruStepKernel}'s path (the gate arithmetic in Java), others {@link GruCell}'s.
     */
    public INDArray next(INDArray input, INDArray state, INDArray contextGates) {
        if (input.dataType() != DataType.FLOAT || state.dataType() != DataType.FLOAT) {
            return GruCell.forward(weights, input, state, null, contextGates, null).last();
        }
        INDArray product = Gemm.product(input, weights.wx());                                      // [N, 3H]
        return next(NativeFloats.read(product, Scratch.forThisThread().floats(Scratch.INCOMING, (int) product.length())),
                state, contextGates);
    }

    /**
     * The input projections of every row of {@code embeddings}, for {@link #next(InputProjections,
     * int[], INDArray, INDArray)}: only for the first layer, whose step input is the embedding.
     *
     * @param embeddings the target embeddings {@code [V, E]}, float
     * @return {@code embeddings·Wx} {@code [V, 3H]}, on the Java heap
     */
    public InputProjections inputProjections(INDArray embeddings) {
        if (embeddings.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("input projections are kept in float, the embeddings are " + embeddings.dataType());
        }
        int v = (int) embeddings.size(0);
        return new InputProjections(NativeFloats.read(Gemm.product(embeddings, weights.wx())), v, 3 * hiddenSize());
    }

    /**
     * One step whose input is the embedding of each row's previous token, its projection read
     * from {@code projections}: the same as {@link #next(INDArray, INDArray, INDArray)} on those
     * embeddings, without the product.
     *
     * @param projections  from {@link #inputProjections} on the target embeddings
     * @param previous     each row's previous token, N ids
     * @param state        each row's state {@code [N, H]}, float
     * @param contextGates from {@link #contextGates}, or null
     * @return the new states {@code [N, H]}
     */
    public INDArray next(InputProjections projections, int[] previous, INDArray state, INDArray contextGates) {
        if (state.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("input projections are float, the state is " + state.dataType());
        }
        if (state.size(0) != previous.length) {
            throw new IllegalArgumentException(previous.length + " tokens for " + state.size(0) + " states");
        }
        if (projections.width() != 3 * hiddenSize()) {
            throw new IllegalArgumentException("input projections of width " + projections.width() + " for a layer of "
                    + hiddenSize() + " units (3H = " + 3 * hiddenSize() + ")");
        }
        return next(projections.rows(previous, Scratch.forThisThread().floats(Scratch.INCOMING, previous.length
                * projections.width())), state, contextGates);
    }

    /**
     * The float path after the input product {@code [N, 3H]} (its first {@code N × 3H} values;
     * changed). A step's arrays are this thread's {@link Scratch}, reused from step to step:
     * {@link Scratch#INCOMING} (the input product), {@link Scratch#GRADIENTS}, {@link Scratch#PRODUCT}
     * and {@link Scratch#STATES} here, the kernel's others in {@link GruStepKernel}.
     */
    private INDArray next(float[] inputProduct, INDArray state, INDArray contextGates) {
        int n = (int) state.size(0);
        int h = hiddenSize();
        int g = n * 3 * h;
        Scratch scratch = Scratch.forThisThread();
        float[] contextShare = contextGates == null ? null
                : NativeFloats.read(contextGates, scratch.floats(Scratch.GRADIENTS, g));             // [N, 3H]
        float[] stateProduct = NativeFloats.read(Gemm.product(state, weights.wh()),
                scratch.floats(Scratch.PRODUCT, g));                                                // [N, 3H]
        if (weights.layerNormalized()) {
            if (contextShare != null) {                                      // normalized with the input's share
                for (int i = 0; i < g; i++) {
                    inputProduct[i] += contextShare[i];
                }
                contextShare = null;
            }
            normalize(inputProduct, gainX, n, 3 * h);
            normalize(stateProduct, gainH, n, 3 * h);
        }
        float[] next = GruStepKernel.step(inputProduct, contextShare, stateProduct,
                NativeFloats.read(state, scratch.floats(Scratch.STATES, n * h)), bx, bh, n, h, scratch.math());
        return NativeFloats.create(next, n, h);
    }

    /** {@code LN(rows) ∘ gain} in place, for {@code rows} rows of {@code width}. */
    private static void normalize(float[] values, float[] gain, int rows, int width) {
        LayerNorm.normalizeRows(values, 0, rows, width, new float[rows], 0);
        NormalizedProjections.scale(values, gain, rows, width);
    }
}
