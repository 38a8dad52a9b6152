package org.seq2seq.core.train;

import java.util.Objects;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.seq2seq.core.model.TiedEmbeddings;
import org.seq2seq.nn.L2Norm;

/**
 * One optimisation step on one batch, as the PyTorch reference does it: the loss is the mean
 * cross-entropy over the batch's real target tokens, the gradient is clipped to a maximum global
 * L2 norm over all parameters, then the graph's updater (Adam) moves the parameters; for a float
 * graph with plain Adam, {@link FusedAdam} does the scaling, Adam and the update in one pass.
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
    private final TiedEmbeddings tied;             // null: the embedding and the output projection are two matrices
    private FusedAdam adam;                        // null: DL4J's updater moves the parameters
    private Object adamOf;                         // the updater that adam was made for

    /**
     * @param graph    the model
     * @param clipNorm largest global gradient norm, or 0 for no clipping
     */
    public TrainingStep(ComputationGraph graph, double clipNorm) {
        this(graph, clipNorm, null);
    }

    private TrainingStep(ComputationGraph graph, double clipNorm, TiedEmbeddings tied) {
        this.graph = Objects.requireNonNull(graph, "graph");
        if (!(clipNorm >= 0)) {
            throw new IllegalArgumentException("the clipping norm must be 0 (none) or more, got " + clipNorm);
        }
        this.clipNorm = clipNorm;
        this.tied = tied;
    }

    /**
     * The step of a run: its clipping norm, and with {@link TrainingConfig#tieEmbeddings()} the
     * target embedding and the output projection updated as one matrix.
     *
     * @throws IllegalArgumentException when the embeddings are to be tied and their sizes differ
     */
    public static TrainingStep of(ComputationGraph graph, TrainingConfig config) {
        return new TrainingStep(graph, config.clipNorm(), config.tieEmbeddings() ? TiedEmbeddings.of(graph) : null);
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
     * The gradient of one batch's summed token loss, not yet applied: what a worker computes on
     * its share of a global batch. Gradients of several batches add up ({@link #plus}) to the
     * gradient of their union, since the loss is a sum over tokens.
     *
     * @param sum       d(summed loss)/d(parameters), {@code [1, parameters]}, a copy
     * @param lossSum   the summed cross-entropy of the real target tokens
     * @param tokens    real target tokens
     * @param sentences sentence pairs
     */
    public record BatchGradient(INDArray sum, double lossSum, long tokens, int sentences) {
        /** The gradient of both batches together. */
        public BatchGradient plus(BatchGradient other) {
            return new BatchGradient(sum.add(other.sum), lossSum + other.lossSum, tokens + other.tokens,
                    sentences + other.sentences);
        }
    }

    /**
     * @param batch a {@link org.seq2seq.corpora.batch.PaddedBatch} laid out batch
     * @throws NonFiniteLossException when the loss or gradient is NaN or infinite; nothing was updated
     */
    public Result run(MultiDataSet batch) {
        return apply(compute(batch), false);
    }

    /**
     * Computes one batch's gradient without changing the parameters.
     *
     * @param batch a {@link org.seq2seq.corpora.batch.PaddedBatch} laid out batch with at least one real target token
     */
    public BatchGradient gradient(MultiDataSet batch) {
        BatchGradient g = compute(batch);
        return new BatchGradient(g.sum().dup(), g.lossSum(), g.tokens(), g.sentences());
    }

    /**
     * Computes one batch's gradient into the graph's own gradient array, without a copy: {@code
     * sum()} is that array, valid until the next computation. For a replica that sums it with the
     * others' in place and then {@link #apply applies} it.
     *
     * @param batch a {@link org.seq2seq.corpora.batch.PaddedBatch} laid out batch with at least one real target token
     */
    public BatchGradient gradientInPlace(MultiDataSet batch) {
        return compute(batch);
    }

    /**
     * Applies a gradient, for instance the sum of several workers' {@link #gradient}s: the mean
     * over its tokens, clipped, through the updater. The gradient may be the graph's own gradient
     * array ({@link #gradientInPlace}), summed in place.
     *
     * @throws NonFiniteLossException when the loss or gradient is NaN or infinite; nothing was updated
     */
    public Result apply(BatchGradient gradient) {
        return apply(gradient, true);
    }

    ComputationGraph graph() {
        return graph;
    }

    double clipNorm() {
        return clipNorm;
    }

    /** The tied embeddings, or null. */
    TiedEmbeddings tied() {
        return tied;
    }

    /** The fused Adam step of the graph's current updater, or null when it does not apply. */
    FusedAdam fusedAdam() {
        Object updater = graph.getUpdater(true);
        if (updater != adamOf) {
            adam = FusedAdam.of(graph);
            adamOf = updater;
        }
        return adam;
    }

    private BatchGradient compute(MultiDataSet batch) {
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
        return new BatchGradient(graph.getFlattenedGradients(), graph.score(), tokens,
                (int) batch.getFeatures(0).size(0));
    }

    private Result apply(BatchGradient g, boolean external) {
        if (graph.getFlattenedGradients() == null) {
            graph.initGradientsView();                                     // a driver that never computed one
        }
        INDArray gradient = graph.getFlattenedGradients();                 // of the summed loss
        if (external && g.sum() != gradient) {
            gradient.assign(g.sum().reshape(gradient.shape()));
        }
        double twice = tied == null ? 0 : tied.mergeGradients();          // the shared matrix's second copy, squared
        long tokens = g.tokens();
        double loss = g.lossSum() / tokens;
        double norm = L2Norm.of(gradient);
        if (tied != null) {                                                // each parameter once
            norm = Math.sqrt(Math.max(0, norm * norm - twice));
        }
        norm /= tokens;                                                    // of the mean loss
        if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
            throw new NonFiniteLossException(loss, norm);
        }
        double scale = (clipNorm > 0 && norm > clipNorm ? clipNorm / norm : 1.0) / tokens;   // the mean, clipped
        FusedAdam adam = fusedAdam();
        if (adam != null) {
            adam.step(gradient, scale);                   // scaling, Adam and the update in one pass
        } else {
            gradient.muli(scale);
            // a graph that never computed a gradient itself (a driver applying its workers') has none to hand
            // over; the flattened view is all the updater needs, as no layer normalizes its gradient
            Gradient view = graph.gradient() != null ? graph.gradient() : new DefaultGradient(gradient);
            graph.getUpdater().update(view, graph.getIterationCount(), graph.getEpochCount(), g.sentences(),
                    LayerWorkspaceMgr.noWorkspaces());
            INDArray params = graph.params();
            params.subi(gradient.reshape(params.shape()));   // the updater turned the gradient into the update
        }
        if (tied != null) {
            tied.tie();                                   // moved alike; equal to the bit again
        }
        graph.getConfiguration().setIterationCount(graph.getIterationCount() + 1);
        return new Result(loss, tokens, norm);
    }
}
