package org.seq2seq.core.model;

import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Weight tying (Press and Wolf 2017, Inan et al. 2017): the decoder's input embedding and the
 * output projection to the target vocabulary are one matrix, used twice. Possible when the output
 * layer reads as many values as an embedding has (embedding size = hidden size).
 *
 * <p>DL4J gives every layer parameters of its own, so the graph keeps two copies that are made
 * equal and stay equal: the embedding {@code E [V, E]} and the output weights {@code W [E, V] = Eᵀ}.
 * The loss's gradient with respect to the one shared matrix is the sum of its two uses'
 * gradients, {@code dE + dWᵀ}; both copies get it ({@link #mergeGradients}), so an element-wise
 * updater such as Adam moves them alike, and {@link #tie} makes them equal to the bit again
 * after each update. The parameters are counted once in the gradient's norm.
 */
public final class TiedEmbeddings {
    private final ComputationGraph graph;

    private TiedEmbeddings(ComputationGraph graph) {
        this.graph = graph;
    }

    /**
     * @throws IllegalArgumentException when the embedding size differs from the size of the output
     *                                  layer's input
     */
    public static TiedEmbeddings of(ComputationGraph graph) {
        Objects.requireNonNull(graph, "graph");
        long embedding = embedding(graph).size(1);
        long outputInput = output(graph).size(0);
        if (embedding != outputInput) {
            throw new IllegalArgumentException("tied embeddings need the embedding size (" + embedding
                    + ") to equal the hidden size that the output layer reads (" + outputInput + ")");
        }
        return new TiedEmbeddings(graph);
    }

    /** Sets the output weights to the embedding's transpose: {@code W [E, V] := Eᵀ}. */
    public void tie() {
        output(graph).assign(embedding(graph).transpose());
    }

    /**
     * Replaces both copies' gradients in the graph's flattened gradient with the shared matrix's,
     * {@code dE + dWᵀ} (and its transpose).
     *
     * @return the squared L2 norm of one copy's merged gradient: what the flattened gradient's
     *         squared norm counts twice
     */
    public double mergeGradients() {
        INDArray dE = gradient(graph.getLayer(Seq2SeqGraph.TARGET_EMBEDDING));   // [V, E]
        INDArray dW = gradient(graph.getLayer(Seq2SeqGraph.OUTPUT));             // [E, V]
        dE.addi(dW.transpose());
        dW.assign(dE.transpose());
        double norm = dE.norm2Number().doubleValue();
        return norm * norm;
    }

    /** {@code [V, E]}, a view of the graph's parameters. */
    private static INDArray embedding(ComputationGraph graph) {
        return graph.getLayer(Seq2SeqGraph.TARGET_EMBEDDING).getParam(DefaultParamInitializer.WEIGHT_KEY);
    }

    /** {@code [E, V]}, a view of the graph's parameters. */
    private static INDArray output(ComputationGraph graph) {
        return graph.getLayer(Seq2SeqGraph.OUTPUT).getParam(DefaultParamInitializer.WEIGHT_KEY);
    }

    /** The layer's weight gradient, shaped like its weights: a view of the graph's flattened gradient. */
    private static INDArray gradient(Layer layer) {
        return layer.conf().getLayer().initializer().getGradientsFromFlattened(layer.conf(),
                layer.getGradientsViewArray()).get(DefaultParamInitializer.WEIGHT_KEY);
    }
}
