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

    /** Whether the output weights are now exactly the embedding's transpose, as {@link #tie()} leaves them. */
    public boolean tied() {
        return embedding(graph).equals(output(graph).transpose());
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

    /**
     * Where the two copies lie in the graph's flattened parameters (and gradient), for code that
     * works on those arrays directly (a sharded update): each copy's first index and its strides.
     * The second copy, the output weights, is the first's transpose: after {@link #mergeGradients}
     * its gradient is the first copy's, and after {@link #tie} its values are.
     *
     * @param embedding     the first index of {@code E [V, E]}
     * @param output        the first index of {@code W [E, V]}
     * @param rows          V
     * @param columns       E
     * @param embeddingRow  E's stride along its rows (V), in floats
     * @param embeddingCol  E's stride along its columns (E)
     * @param outputRow     W's stride along its rows (E)
     * @param outputCol     W's stride along its columns (V)
     */
    public record Layout(long embedding, long output, int rows, int columns, long embeddingRow, long embeddingCol,
                         long outputRow, long outputCol) {
        /** Values in each copy. */
        public int length() {
            return rows * columns;
        }
    }

    /** Where the two copies lie in the flattened parameters and gradient. */
    public Layout layout() {
        INDArray e = embedding(graph);
        INDArray w = output(graph);
        INDArray flat = graph.params();
        long eAt = e.offset() - flat.offset();
        long wAt = w.offset() - flat.offset();
        if (eAt < 0 || eAt + e.length() > flat.length() || wAt < 0 || wAt + w.length() > flat.length()) {
            throw new IllegalStateException("the tied matrices are not views of the flattened parameters");
        }
        return new Layout(eAt, wAt, (int) e.size(0), (int) e.size(1), e.stride(0), e.stride(1), w.stride(0),
                w.stride(1));
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
