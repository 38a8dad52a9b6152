package org.seq2seq.core.train;

import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * One optimisation step on one batch, as the PyTorch reference does it: the loss is the mean
 * cross-entropy over the batch's real target tokens, the gradient is clipped to a maximum global
 * L2 norm over all parameters, then the graph's updater (Adam) moves the parameters.
 *
 * <p>DL4J's own {@code fit} would average over sentences and clip layer by layer; so this step
 * drives the graph's pieces itself, in the order DL4J's {@code StochasticGradientDescent} does:
 * gradient and score, updater, parameters minus update, iteration count. A NaN or infinite loss
 * or gradient is detected before the update, so the parameters stay as they were.
 *
 * <p>The graph must be built with {@code miniBatch(false)} (see
 * {@link org.seq2seq.core.model.Seq2SeqGraph}): its score is then the sum of the token losses.
 */
public final class TrainingStep {
    private final ComputationGraph graph;
    private final double clipNorm;

    /**
     * @param graph    the model
     * @param clipNorm largest global gradient norm, or 0 for no clipping
     */
    public TrainingStep(ComputationGraph graph, double clipNorm) {
        this.graph = Objects.requireNonNull(graph, "graph");
        if (!(clipNorm >= 0)) {
            throw new IllegalArgumentException("the clipping norm must be 0 (none) or more, got " + clipNorm);
        }
        this.clipNorm = clipNorm;
    }

    /**
     * What one step did.
     *
     * @param loss         mean cross-entropy per real target token, before the update
     * @param tokens       real target tokens (label positions) in the batch
     * @param gradientNorm global L2 norm of the gradient before clipping
     */
    public record Result(double loss, long tokens, double gradientNorm) {
    }

    /**
     * @param batch a {@link org.seq2seq.corpora.batch.PaddedBatch} laid out batch
     * @throws NonFiniteLossException when the loss or gradient is NaN or infinite; nothing was updated
     */
    public Result run(MultiDataSet batch) {
        long tokens = Math.round(batch.getLabelsMaskArray(0).sumNumber().doubleValue());
        if (tokens == 0) {
            throw new IllegalArgumentException("the batch has no real target tokens");
        }
        graph.setInputs(batch.getFeatures());
        graph.setLabels(batch.getLabels());
        graph.setLayerMaskArrays(batch.getFeaturesMaskArrays(), batch.getLabelsMaskArrays());
        try {
            graph.computeGradientAndScore();
        } finally {
            graph.clearLayerMaskArrays();
        }
        double loss = graph.score() / tokens;
        INDArray gradient = graph.getFlattenedGradients();                 // of the summed loss
        double norm = gradient.norm2Number().doubleValue() / tokens;       // of the mean loss
        if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
            throw new NonFiniteLossException(loss, norm);
        }
        gradient.muli((clipNorm > 0 && norm > clipNorm ? clipNorm / norm : 1.0) / tokens);   // one pass: mean, clipped
        int batchSize = (int) batch.getFeatures(0).size(0);
        graph.getUpdater().update(graph.gradient(), graph.getIterationCount(), graph.getEpochCount(), batchSize,
                LayerWorkspaceMgr.noWorkspaces());
        INDArray params = graph.params();
        params.subi(gradient.reshape(params.shape()));   // the updater turned the gradient into the update, in place
        graph.getConfiguration().setIterationCount(graph.getIterationCount() + 1);
        return new Result(loss, tokens, norm);
    }
}
