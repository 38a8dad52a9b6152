package org.seq2seq.core.train;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seq2seq.core.model.TiedEmbeddings;
import org.seq2seq.nn.NativeFloats;

/**
 * The end of a data-parallel step with the optimizer's work shared among the replicas (as
 * ZeRO's first stage, Rajbhandari et al. 2020, shares it): the replicas' gradients are
 * reduce-scattered, so that each replica holds the sum of its own part; each computes its part's
 * share of the gradient's norm, a small allreduce gives everyone the loss, the counts and the
 * norm; each moves its own part of the parameters by the clipped Adam step of {@link TrainingStep};
 * and an allgather copies every part to every replica. Each replica does {@code 1/N} of Adam's
 * work instead of all of it, and sends and receives the same bytes as an allreduce of the
 * gradient. The parameters end the same to the bit on every replica, as each value is computed
 * on one replica and copied.
 *
 * <p>Adam's moments are kept up to date only for a replica's own part; {@link #gatherMoments}
 * brings every replica's whole state up to date (before the state is read). With tied
 * embeddings the output weights, the second copy of the shared matrix, are left out of the sums
 * and the update: each replica adds their gradient, transposed, to the embedding's before the sum
 * (as {@link TiedEmbeddings#mergeGradients} does), and sets them to the updated embedding's
 * transpose after the allgather (as {@link TiedEmbeddings#tie} does), both in tiles of Java
 * arrays: DL4J's strided transposes of the two 4-million-value copies took about 75 ms a step
 * on one core, these about 20. Their moments are never read (the weights are set, not moved).
 */
public final class ShardedUpdate {
    private final TrainingStep step;
    private final ComputationGraph graph;
    private final FusedAdam adam;
    /** Where the tied copies lie, or null without tying. */
    private final TiedEmbeddings.Layout tied;
    /** The tied copy's range in the flattened arrays, left out; {0, 0} without tying. */
    private final long skipFrom;
    private final long skipLength;
    /** The flattened gradient or parameters without the skipped range ("compact"). */
    private float[] values = new float[0];
    /** The output weights (gradient or values), as they lie in the flattened arrays. */
    private float[] copy = new float[0];
    /** Nanoseconds spent in the collective's calls, since this update was made. */
    private long communicating;

    private ShardedUpdate(TrainingStep step, FusedAdam adam) {
        this.step = step;
        this.graph = step.graph();
        this.adam = adam;
        this.tied = step.tied() == null ? null : step.tied().layout();
        this.skipFrom = tied == null ? 0 : tied.output();
        this.skipLength = tied == null ? 0 : tied.length();
    }

    /**
     * The sharded end of {@code step}'s steps, or empty when its graph is not a float graph
     * updated by plain Adam (then replicas sum whole gradients and apply them with {@link
     * TrainingStep#apply}).
     */
    public static Optional<ShardedUpdate> of(TrainingStep step) {
        FusedAdam adam = step.fusedAdam();
        return adam == null ? Optional.empty() : Optional.of(new ShardedUpdate(step, adam));
    }

    /**
     * Sums the replicas' gradients and applies the clipped Adam step to the sum, this replica
     * moving its part of the parameters and receiving the others'.
     *
     * @param mine this replica's gradient, {@link TrainingStep#gradientInPlace}, or null when it had no pairs
     * @throws NonFiniteLossException on every replica alike, when the summed loss or gradient is not
     *                                finite; nothing was updated
     */
    public TrainingStep.Result apply(TrainingStep.BatchGradient mine, Collective replicas) {
        INDArray gradient = flattenedGradients();                          // [1, parameters]
        int n = compactLength(gradient.length());
        if (values.length != n) {
            values = new float[n];
        }
        float[] figures = new float[4];                                    // loss sum, tokens, sentences, norm²
        if (mine == null) {
            Arrays.fill(values, 0f);
        } else {
            readCompact(gradient, 0, n);
            if (tied != null) {
                mergeTiedGradient(gradient);                               // linear: merged before the sum as after
            }
            figures[0] = (float) mine.lossSum();
            figures[1] = mine.tokens();
            figures[2] = mine.sentences();
        }
        long start = System.nanoTime();
        replicas.reduceScatter(values);
        communicating += System.nanoTime() - start;
        int from = replicas.ownedFrom(n);
        int to = replicas.ownedTo(n);
        double squares = 0;
        for (int i = from; i < to; i++) {
            squares += (double) values[i] * values[i];
        }
        figures[3] = (float) squares;
        start = System.nanoTime();
        replicas.sum(figures);
        communicating += System.nanoTime() - start;
        long tokens = Math.round(figures[1]);
        double loss = figures[0] / tokens;
        double norm = Math.sqrt(figures[3]) / tokens;                      // of the mean loss
        if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
            throw new NonFiniteLossException(loss, norm);
        }
        double clip = step.clipNorm();
        double scale = (clip > 0 && norm > clip ? clip / norm : 1.0) / tokens;
        writeCompact(gradient, from, to);
        for (long[] range : flatRanges(from, to)) {
            adam.step(gradient, scale, range[0], range[0] + range[1]);
        }
        INDArray params = graph.params();
        readCompact(params, from, to);
        start = System.nanoTime();
        replicas.allGather(values);
        communicating += System.nanoTime() - start;
        writeCompact(params, 0, n);
        if (tied != null) {
            tie(params);
        }
        graph.getConfiguration().setIterationCount(graph.getIterationCount() + 1);
        return new TrainingStep.Result(loss, tokens, norm);
    }

    /** Nanoseconds this update has spent in the collective's calls (waiting for and moving data). */
    public long communicatingNanos() {
        return communicating;
    }

    /**
     * Brings Adam's moments of every part up to date on every replica, from the replica that
     * keeps each part: after it, the replicas' whole states are the same.
     */
    public void gatherMoments(Collective replicas) {
        INDArray state = graph.getUpdater(true).getStateViewArray();
        int n = compactLength(graph.params().length());
        float[] m = new float[n];
        float[] v = new float[n];
        int from = replicas.ownedFrom(n);
        int to = replicas.ownedTo(n);
        moments(state, m, v, from, to, true);
        replicas.allGather(m);
        replicas.allGather(v);
        moments(state, m, v, 0, n, false);
    }

    /** Reads ({@code read}) or writes the moments of compact positions {@code [from, to)} from or into the state. */
    private void moments(INDArray state, float[] m, float[] v, int from, int to, boolean read) {
        for (long[] flat : flatRanges(from, to)) {
            for (long[] r : adam.momentRanges(flat[0], flat[0] + flat[1])) {
                int at = compactIndex(r[0]);
                int count = Math.toIntExact(r[1]);
                if (read) {
                    NativeFloats.read(state, r[2], m, at, count);
                    NativeFloats.read(state, r[3], v, at, count);
                } else {
                    NativeFloats.write(m, at, state, r[2], count);
                    NativeFloats.write(v, at, state, r[3], count);
                }
            }
        }
    }

    /** Adds the output weights' gradient, transposed, to the embedding's in {@link #values}: dE + dWᵀ. */
    private void mergeTiedGradient(INDArray gradient) {
        if (copy.length != tied.length()) {
            copy = new float[tied.length()];
        }
        NativeFloats.read(gradient, tied.output(), copy, 0, tied.length());
        transpose(true);
    }

    /** Sets the output weights to the embedding's transpose, from {@link #values}: W := Eᵀ. */
    private void tie(INDArray params) {
        transpose(false);
        NativeFloats.write(copy, 0, params, tied.output(), tied.length());
    }

    /** {@code E += Wᵀ} in {@link #values} ({@code merge}), else {@code W := Eᵀ} in {@link #copy}; in tiles for the cache. */
    private void transpose(boolean merge) {
        final int tile = 64;
        int e = compactIndex(tied.embedding());
        int rows = tied.rows();
        int columns = tied.columns();
        for (int r0 = 0; r0 < rows; r0 += tile) {
            int r1 = Math.min(rows, r0 + tile);
            for (int c0 = 0; c0 < columns; c0 += tile) {
                int c1 = Math.min(columns, c0 + tile);
                for (int r = r0; r < r1; r++) {
                    for (int c = c0; c < c1; c++) {
                        int ei = (int) (e + r * tied.embeddingRow() + c * tied.embeddingCol());    // E[r, c]
                        int wi = (int) (c * tied.outputRow() + r * tied.outputCol());         // W[c, r]
                        if (merge) {
                            values[ei] += copy[wi];
                        } else {
                            copy[wi] = values[ei];
                        }
                    }
                }
            }
        }
    }

    private INDArray flattenedGradients() {
        if (graph.getFlattenedGradients() == null) {
            graph.initGradientsView();
        }
        return graph.getFlattenedGradients();
    }

    private int compactLength(long flat) {
        return Math.toIntExact(flat - skipLength);
    }

    private int compactIndex(long flatIndex) {
        return Math.toIntExact(flatIndex < skipFrom ? flatIndex : flatIndex - skipLength);
    }

    /** The flattened ranges {@code {first, count}} of compact positions {@code [from, to)}. */
    private List<long[]> flatRanges(int from, int to) {
        long before = Math.min(to, skipFrom);                              // compact = flat below the skip
        List<long[]> ranges = new java.util.ArrayList<>(2);
        if (from < before) {
            ranges.add(new long[] {from, before - from});
        }
        long after = Math.max(from, skipFrom);
        if (after < to) {
            ranges.add(new long[] {after + skipLength, to - after});
        }
        return ranges;
    }

    /** Compact positions {@code [from, to)} of a flattened array into {@link #values}. */
    private void readCompact(INDArray flat, int from, int to) {
        for (long[] r : flatRanges(from, to)) {
            NativeFloats.read(flat, r[0], values, compactIndex(r[0]), Math.toIntExact(r[1]));
        }
    }

    /** {@link #values}' compact positions {@code [from, to)} into a flattened array. */
    private void writeCompact(INDArray flat, int from, int to) {
        for (long[] r : flatRanges(from, to)) {
            NativeFloats.write(values, compactIndex(r[0]), flat, r[0], Math.toIntExact(r[1]));
        }
    }
}
