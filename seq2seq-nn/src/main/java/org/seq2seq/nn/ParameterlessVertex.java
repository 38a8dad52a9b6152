package org.seq2seq.nn;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every graph vertex without parameters says to DL4J: it has no layer and no gradient view.
 * Subclasses give the passes and the masks.
 */
public abstract class ParameterlessVertex extends BaseGraphVertex {
    private final String kind;

    /**
     * @param kind what the vertex is, for error messages ("encoder context vertex")
     */
    protected ParameterlessVertex(ComputationGraph graph, String name, int index, DataType dataType, String kind) {
        super(graph, name, index, null, null, dataType);
        this.kind = kind;
    }

    @Override
    public final boolean hasLayer() {
        return false;
    }

    @Override
    public final org.deeplearning4j.nn.api.Layer getLayer() {
        return null;
    }

    @Override
    public final void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        if (backpropGradientsViewArray != null) {
            throw new IllegalStateException(kind + " '" + vertexName + "' has no parameters");
        }
    }
}
