package org.seq2seq.encoder.lstm;

import java.util.Objects;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The encoder's context vector from its last layer's outputs {@code [B, H, S]}: the first
 * {@code forwardFeatures} features at each sentence's last real step (the forward LSTM's state
 * after reading the sentence), the rest at step 0 (the backward LSTM's state after reading it
 * right to left). {@code forwardFeatures = H} for a unidirectional encoder, {@code H / 2} for a
 * bidirectional one. The real steps come from the mask of the graph input named
 * {@code sourceInput}; without a mask every sentence fills the batch length. Output {@code [B, H]}.
 */
public class EncoderContextVertex extends GraphVertex {
    private static final long serialVersionUID = 1L;

    private String sourceInput;
    private long forwardFeatures;

    /** For JSON deserialization. */
    @SuppressWarnings("unused")
    private EncoderContextVertex() {
    }

    /**
     * @param sourceInput     the graph input whose mask marks the real source tokens
     * @param forwardFeatures how many leading features are read at the last real step
     */
    public EncoderContextVertex(String sourceInput, long forwardFeatures) {
        if (forwardFeatures < 1) {
            throw new IllegalArgumentException("forwardFeatures must be at least 1, got " + forwardFeatures);
        }
        this.sourceInput = Objects.requireNonNull(sourceInput, "sourceInput");
        this.forwardFeatures = forwardFeatures;
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 1;
    }

    @Override
    public int maxVertexInputs() {
        return 1;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
                                                                      INDArray paramsView, boolean initializeParams,
                                                                      DataType networkDatatype) {
        return new EncoderContextVertexImpl(graph, name, idx, this, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
        InputType.InputTypeRecurrent in = (InputType.InputTypeRecurrent) vertexInputs[0];
        return InputType.feedForward(in.getSize());
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = getOutputType(-1, inputTypes);
        return new LayerMemoryReport.Builder(null, EncoderContextVertex.class, inputTypes[0], out)
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    @Override
    public EncoderContextVertex clone() {
        return new EncoderContextVertex(sourceInput, forwardFeatures);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncoderContextVertex v && v.sourceInput.equals(sourceInput)
                && v.forwardFeatures == forwardFeatures;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourceInput, forwardFeatures);
    }

    @Override
    public String toString() {
        return "EncoderContextVertex(source mask of '" + sourceInput + "', forward features " + forwardFeatures + ")";
    }

    public String getSourceInput() {
        return sourceInput;
    }

    public void setSourceInput(String sourceInput) {
        this.sourceInput = sourceInput;
    }

    public long getForwardFeatures() {
        return forwardFeatures;
    }

    public void setForwardFeatures(long forwardFeatures) {
        this.forwardFeatures = forwardFeatures;
    }
}
