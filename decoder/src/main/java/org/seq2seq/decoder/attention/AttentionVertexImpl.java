package org.seq2seq.decoder.attention;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The graph vertex of {@link AttentionVertex}: {@link LuongAttention} over all decoder steps at
 * once. Like the GRU decoder, the backward pass recomputes the forward one rather than keep
 * arrays across workspace scopes.
 */
final class AttentionVertexImpl extends BaseGraphVertex {

    private final AttentionVertex conf;
    private final int sourceInputIndex;
    private final INDArray paramsView;
    private final Map<String, INDArray> params;
    private INDArray gradientView;
    private Map<String, INDArray> gradients;

    AttentionVertexImpl(ComputationGraph graph, String name, int index, AttentionVertex conf, INDArray paramsView,
                        boolean initialize, DataType dataType) {
        super(graph, name, index, null, null, dataType);
        this.conf = conf;
        this.sourceInputIndex = graph.getConfiguration().getNetworkInputs().indexOf(conf.getSourceInput());
        if (sourceInputIndex < 0) {
            throw new IllegalStateException("attention vertex '" + name + "': the graph has no input '"
                    + conf.getSourceInput() + "' to take the source mask from");
        }
        this.paramsView = paramsView;
        this.params = split(paramsView);
        if (initialize) {
            long h = conf.getHiddenSize();
            long k = conf.getMemorySize();
            if (params.containsKey(AttentionVertex.SCORE_WEIGHTS)) {
                new WeightInitXavier().init(h, k, new long[] {h, k}, 'c', params.get(AttentionVertex.SCORE_WEIGHTS));
            }
            new WeightInitXavier().init(k + h, h, new long[] {k + h, h}, 'c', params.get(AttentionVertex.COMBINE_WEIGHTS));
        }
    }

    /** Views of {@code Wa [H, K]} (GENERAL) and {@code Wc [K + H, H]} into a flat {@code [1, n]} array. */
    private Map<String, INDArray> split(INDArray flat) {
        long h = conf.getHiddenSize();
        long k = conf.getMemorySize();
        long wa = conf.scoreWeightCount();
        INDArray row = flat.reshape(flat.length());
        Map<String, INDArray> views = new LinkedHashMap<>();
        if (wa > 0) {
            views.put(AttentionVertex.SCORE_WEIGHTS, row.get(interval(0, wa)).reshape('c', h, k));
        }
        views.put(AttentionVertex.COMBINE_WEIGHTS, row.get(interval(wa, wa + (k + h) * h)).reshape('c', k + h, h));
        return views;
    }

    private LuongAttention.Params parameters() {
        return AttentionVertex.params(params);
    }

    /** The source mask {@code [B, S]} in the graph's data type, or null. */
    private INDArray sourceMask() {
        INDArray[] masks = graph.getInputMaskArrays();
        INDArray mask = masks == null ? null : masks[sourceInputIndex];
        return mask == null ? null : mask.castTo(dataType);
    }

    /** NCW {@code [B, C, T]} to 'c' ordered {@code [B, T, C]}. */
    private INDArray timeMajorWithinBatch(INDArray ncw) {
        return ncw.castTo(dataType).permute(0, 2, 1).dup('c');
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer getLayer() {
        return null;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException("attention vertex '" + vertexName + "': inputs not set");
        }
        INDArray hidden = timeMajorWithinBatch(inputs[0]);                                   // [B, T, H]
        INDArray memory = timeMajorWithinBatch(inputs[1]);                                   // [B, S, K]
        LuongAttention.Pass pass = LuongAttention.forward(conf.getAttention(), parameters(), hidden, memory,
                sourceMask());
        long b = hidden.size(0);
        long t = hidden.size(1);
        long h = hidden.size(2);
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, dataType, new long[] {b, h, t}, 'c');
        out.assign(pass.output().reshape('c', b, t, h).permute(0, 2, 1));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException("attention vertex '" + vertexName + "': inputs or epsilon not set");
        }
        INDArray hidden = timeMajorWithinBatch(inputs[0]);                                   // [B, T, H]
        INDArray memory = timeMajorWithinBatch(inputs[1]);                                   // [B, S, K]
        LuongAttention.Params p = parameters();
        LuongAttention.Pass pass = LuongAttention.forward(conf.getAttention(), p, hidden, memory, sourceMask());
        long b = hidden.size(0);
        long t = hidden.size(1);
        long h = hidden.size(2);
        INDArray dOutput = timeMajorWithinBatch(epsilon).reshape('c', b * t, h);            // [B·T, H]
        LuongAttention.InputGradients g = LuongAttention.backward(conf.getAttention(), p, hidden, memory, pass,
                dOutput, gradients.get(AttentionVertex.SCORE_WEIGHTS), gradients.get(AttentionVertex.COMBINE_WEIGHTS));

        INDArray dHidden = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, inputs[0].shape(), 'c');
        dHidden.assign(g.hidden().permute(0, 2, 1));
        INDArray dMemory = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, inputs[1].shape(), 'c');
        dMemory.assign(g.memory().permute(0, 2, 1));
        Gradient gradient = new DefaultGradient(gradientView);
        gradients.forEach((key, view) -> gradient.gradientForVariable().put(key, view));
        return new Pair<>(gradient, new INDArray[] {dHidden, dMemory});
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        this.gradientView = backpropGradientsViewArray;
        this.gradients = split(backpropGradientsViewArray);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                          int minibatchSize) {
        // One output per decoder step: the decoder's (target) mask passes through.
        return maskArrays == null ? new Pair<>(null, currentMaskState) : new Pair<>(maskArrays[0], currentMaskState);
    }

    @Override
    public Map<String, INDArray> paramTable(boolean backpropOnly) {
        return params;
    }

    @Override
    public long numParams() {
        return paramsView == null ? 0 : paramsView.length();
    }

    @Override
    public INDArray params() {
        return paramsView;
    }

    @Override
    public INDArray getGradientsViewArray() {
        return gradientView;
    }

    @Override
    public TrainingConfig getConfig() {
        return conf;
    }

    @Override
    public boolean updaterDivideByMinibatch(String paramName) {
        return true;
    }

    @Override
    public String toString() {
        return "AttentionVertexImpl(" + vertexName + ", " + conf + ")";
    }
}
