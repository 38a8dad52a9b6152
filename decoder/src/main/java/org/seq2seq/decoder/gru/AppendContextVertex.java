package org.seq2seq.decoder.gru;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A decoder layer's input: every step of a sequence {@code [B, F, T]} followed by the context
 * vector {@code [B, C]}, giving {@code [B, F + C, T]}; the sequence's mask passes through. The
 * same values as DL4J's {@code DuplicateToTimeSeriesVertex} followed by a {@code MergeVertex},
 * which models saved before this vertex existed keep, in one copy instead of a put per step and
 * a concatenation that goes element by element when the sequence is a permuted view (as the
 * embedding layer's output is). Inputs: the sequence, then the context.
 */
public class AppendContextVertex extends GraphVertex {
    private static final long serialVersionUID = 1L;

    @Override
    public long numParams(boolean backprop) {
        return 0;
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
        return new AppendContextVertexImpl(graph, name, idx, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
        if (!(vertexInputs[0] instanceof InputType.InputTypeRecurrent steps)
                || !(vertexInputs[1] instanceof InputType.InputTypeFeedForward context)) {
            throw new IllegalArgumentException("an append-context vertex takes a sequence and a vector, got "
                    + vertexInputs[0] + " and " + vertexInputs[1]);
        }
        return InputType.recurrent(steps.getSize() + context.getSize(), steps.getTimeSeriesLength(),
                steps.getFormat());
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = getOutputType(-1, inputTypes);
        return new LayerMemoryReport.Builder(null, AppendContextVertex.class, inputTypes[0], out)
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    @Override
    public AppendContextVertex clone() {
        return new AppendContextVertex();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppendContextVertex;
    }

    @Override
    public int hashCode() {
        return AppendContextVertex.class.hashCode();
    }

    @Override
    public String toString() {
        return "AppendContextVertex()";
    }
}
