package org.seq2seq.decoder.attention;

import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Configuration of a graph vertex applying {@link LuongAttention}. Two inputs, both NCW: the
 * decoder's outputs {@code [B, H, T]} and the encoder's per-step outputs {@code [B, K, S]}. The
 * source mask is read from the graph input named {@code sourceInput}, as DL4J's
 * {@code LastTimeStepVertex} does; without one every source position is real. Output
 * {@code [B, H, T]}.
 *
 * <p>Parameters, flattened in this order: {@code Wa [H, K]} (GENERAL only), {@code Wc [K + H, H]},
 * Xavier-initialised. A vertex has no global configuration of its own in DL4J, so the updater is
 * given here, and the graph's gradient normalisation does not reach it (the training step clips
 * the whole gradient itself). Serialized with the graph's JSON through its bean properties.
 */
public class AttentionVertex extends GraphVertex implements TrainingConfig {
    private static final long serialVersionUID = 1L;
    /** Key of {@code Wa [H, K]} in the vertex's parameter table (GENERAL only). */
    public static final String SCORE_WEIGHTS = "Wa";
    /** Key of {@code Wc [K + H, H]} in the vertex's parameter table. */
    public static final String COMBINE_WEIGHTS = "Wc";

    private Attention attention;
    private long hiddenSize;
    private long memorySize;
    private String sourceInput;
    private IUpdater updater;
    private String layerName;

    /** For JSON deserialization. */
    @SuppressWarnings("unused")
    private AttentionVertex() {
    }

    /**
     * @param attention   DOT or GENERAL
     * @param hiddenSize  H, the decoder's output size
     * @param memorySize  K, the encoder's output size (equal to H for DOT)
     * @param sourceInput the graph input whose mask marks the real source tokens
     * @param updater     the optimizer of this vertex's parameters
     */
    public AttentionVertex(Attention attention, long hiddenSize, long memorySize, String sourceInput,
                           IUpdater updater) {
        if (attention == null || !attention.isOn()) {
            throw new IllegalArgumentException("an attention vertex needs DOT or GENERAL, got " + attention);
        }
        if (hiddenSize < 1 || memorySize < 1) {
            throw new IllegalArgumentException("sizes must be at least 1, got H " + hiddenSize + ", K " + memorySize);
        }
        if (attention == Attention.DOT && hiddenSize != memorySize) {
            throw new IllegalArgumentException("dot attention needs encoder outputs of the decoder's size, got K "
                    + memorySize + " and H " + hiddenSize + "; use general attention");
        }
        this.attention = attention;
        this.hiddenSize = hiddenSize;
        this.memorySize = memorySize;
        this.sourceInput = Objects.requireNonNull(sourceInput, "sourceInput");
        this.updater = Objects.requireNonNull(updater, "updater");
    }

    /** The parameters in a vertex's parameter table, as {@link LuongAttention} takes them. */
    public static LuongAttention.Params params(java.util.Map<String, INDArray> table) {
        return new LuongAttention.Params(table.get(SCORE_WEIGHTS), table.get(COMBINE_WEIGHTS));
    }

    /** Number of parameters of {@code Wa}: H·K for GENERAL, else 0. */
    public long scoreWeightCount() {
        return attention == Attention.GENERAL ? hiddenSize * memorySize : 0;
    }

    @Override
    public long numParams(boolean backprop) {
        return scoreWeightCount() + (memorySize + hiddenSize) * hiddenSize;
    }

    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public int maxVertexInputs() {
        return 2;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
                                                                      INDArray paramsView, boolean initializeParams,
                                                                      DataType networkDatatype) {
        this.layerName = name;
        return new AttentionVertexImpl(graph, name, idx, this, paramsView, initializeParams, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
        return vertexInputs[0];
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        return new LayerMemoryReport.Builder(layerName, AttentionVertex.class, inputTypes[0], inputTypes[0])
                .standardMemory(numParams(true), 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    @Override
    public AttentionVertex clone() {
        AttentionVertex copy = new AttentionVertex(attention, hiddenSize, memorySize, sourceInput, updater.clone());
        copy.layerName = layerName;
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttentionVertex v && v.attention == attention && v.hiddenSize == hiddenSize
                && v.memorySize == memorySize && v.sourceInput.equals(sourceInput) && v.updater.equals(updater);
    }

    @Override
    public int hashCode() {
        return Objects.hash(attention, hiddenSize, memorySize, sourceInput, updater);
    }

    @Override
    public String toString() {
        return "AttentionVertex(" + attention + ", H=" + hiddenSize + ", K=" + memorySize + ", source mask of '"
                + sourceInput + "')";
    }

    // --- TrainingConfig: what the graph's updater asks of a vertex with parameters

    @Override
    public String getLayerName() {
        return layerName;
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return List.of();
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return updater;
    }

    @Override
    public GradientNormalization getGradientNormalization() {
        return GradientNormalization.None;
    }

    @Override
    public double getGradientNormalizationThreshold() {
        return 0;
    }

    @Override
    public void setDataType(DataType dataType) {
        // parameters take the graph's data type
    }

    // --- bean properties for JSON

    public Attention getAttention() {
        return attention;
    }

    public void setAttention(Attention attention) {
        this.attention = attention;
    }

    public long getHiddenSize() {
        return hiddenSize;
    }

    public void setHiddenSize(long hiddenSize) {
        this.hiddenSize = hiddenSize;
    }

    public long getMemorySize() {
        return memorySize;
    }

    public void setMemorySize(long memorySize) {
        this.memorySize = memorySize;
    }

    public String getSourceInput() {
        return sourceInput;
    }

    public void setSourceInput(String sourceInput) {
        this.sourceInput = sourceInput;
    }

    public IUpdater getUpdater() {
        return updater;
    }

    public void setUpdater(IUpdater updater) {
        this.updater = updater;
    }

    public void setLayerName(String layerName) {
        this.layerName = layerName;
    }
}
