package org.seq2seq.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.seq2seq.nn.NativeFloats;
import org.seq2seq.nn.runtime.RangeExecutor;

/**
 * The end of a training step in one pass over the parameters, in Java: the gradient times its
 * scale (the mean over tokens, clipped), Adam's moments and update as DL4J's {@code AdamUpdater}
 * op computes them, and the parameters minus the update. DL4J does the same in four passes of
 * native ops (the scaling, the Adam op, the subtraction; docs/performance.md, "FusedAdam") over
 * arrays of tens of megabytes; here a block of each array at a time is copied into Java arrays
 * small enough to stay in the cache, in loops the JIT vectorizes; each updater block in parts of whole blocks on the threads of
 * the {@link RangeExecutor#current() current executor} (every parameter's update is its own).
 *
 * <p>Adam's state stays where DL4J keeps it, in the updater's state array (each updater block's
 * first moments, then its second moments), so checkpoints are the same and a step of either kind
 * may follow one of the other. The gradient array is left as it was (DL4J's leaves the update in
 * it); nothing reads it after the step.
 *
 * <p>Applies only to float graphs whose every updater block is Adam without regularization
 * ({@link #of} returns null otherwise: gradient checks, other updaters).
 */
final class FusedAdam {
    /** About how many parameters are copied into Java arrays at a time. */
    private static final int BLOCK = 1 << 14;

    private final ComputationGraph graph;
    private final List<UpdaterBlock> blocks;
    /** One per part of a split, grown to the executor's parts; used by one step at a time. */
    private Buffers[] buffers = new Buffers[0];

    private FusedAdam(ComputationGraph graph, List<UpdaterBlock> blocks) {
        this.graph = graph;
        this.blocks = blocks;
    }

    /** The fused step for a graph, or null when its updater is not plain Adam on floats. */
    static FusedAdam of(ComputationGraph graph) {
        INDArray params = graph.params();
        if (params == null || params.dataType() != DataType.FLOAT || !NativeFloats.isDense(params)) {
            return null;
        }
        List<UpdaterBlock> blocks = new ArrayList<>();
        for (UpdaterBlock block : graph.getUpdater(true).getUpdaterBlocks()) {
            if (!(block.getGradientUpdater() instanceof AdamUpdater)) {
                return null;
            }
            for (UpdaterBlock.ParamState state : block.getLayersAndVariablesInBlock()) {
                var regularization = state.getLayer().getConfig().getRegularizationByParam(state.getParamName());
                if (regularization != null && !regularization.isEmpty()) {
                    return null;
                }
            }
            blocks.add(block);
        }
        INDArray stateArray = graph.getUpdater().getStateViewArray();
        if (stateArray == null || !NativeFloats.isDense(stateArray)) {
            return null;
        }
        return new FusedAdam(graph, List.copyOf(blocks));
    }

    /**
     * Moves the parameters by Adam on {@code scale · gradient}, at the graph's iteration and epoch.
     *
     * @param gradient the flattened gradient {@code [1, parameters]}, dense floats; not changed
     * @param scale    the factor applied to the gradient first
     */
    void step(INDArray gradient, double scale) {
        step(gradient, scale, 0, Long.MAX_VALUE);
    }

    /**
     * As {@link #step(INDArray, double)}, for the parameters {@code [from, to)} of the flattened
     * array only (a replica's share of a sharded update); the others and their moments stay.
     */
    void step(INDArray gradient, double scale, long from, long to) {
        if (!NativeFloats.isDense(gradient)) {
            throw new IllegalArgumentException("the gradient must be a dense float array: " + gradient.shapeInfoToString());
        }
        INDArray params = graph.params();
        INDArray state = graph.getUpdater().getStateViewArray();
        int iteration = graph.getIterationCount();
        int epoch = graph.getEpochCount();
        for (UpdaterBlock block : blocks) {
            long start = block.getParamOffsetStart();
            long length = block.getParamOffsetEnd() - start;
            long first = Math.max(from, start) - start;                 // the block's part in [from, to)
            long last = Math.min(to, start + length) - start;
            if (first >= last) {
                continue;
            }
            Adam config = ((AdamUpdater) block.getGradientUpdater()).getConfig();
            float beta1 = (float) config.getBeta1();
            float beta2 = (float) config.getBeta2();
            float epsilon = (float) config.getEpsilon();
            double beta1t = Math.pow(beta1, iteration + 1);
            double beta2t = Math.pow(beta2, iteration + 1);
            double stepSize = config.getLearningRate(iteration, epoch) * Math.sqrt(1 - beta2t) / (1 - beta1t);
            if (!Double.isFinite(stepSize) || stepSize == 0) {
                stepSize = epsilon;                               // as DL4J's op does
            }
            long moments = block.getUpdaterViewOffsetStart();   // m: length values, then v: length values
            if (block.getUpdaterViewOffsetEnd() - moments != 2 * length) {
                throw new IllegalStateException("an Adam block of " + length + " parameters has "
                        + (block.getUpdaterViewOffsetEnd() - moments) + " state values, not twice as many");
            }
            Range range = new Range(gradient, state, params, start, moments, length, (float) scale, beta1, beta2,
                    epsilon, (float) stepSize);
            RangeExecutor executor = RangeExecutor.current();
            long span = last - first;
            int blockCount = Math.toIntExact((span + BLOCK - 1) / BLOCK);
            Buffers[] perPart = buffers(executor.parts(blockCount, 1));
            executor.split(blockCount, 1, (part, a, b) ->             // parts of whole blocks
                    range.update(perPart[part], first + (long) a * BLOCK, Math.min(last, first + (long) b * BLOCK)));
        }
    }

    /**
     * Where Adam keeps the moments of parameters {@code [from, to)} of the flattened array: for
     * each updater block they meet, {@code {first parameter, count, index of its m, index of its v}}
     * in the updater's state array.
     */
    List<long[]> momentRanges(long from, long to) {
        List<long[]> ranges = new ArrayList<>();
        for (UpdaterBlock block : blocks) {
            long start = block.getParamOffsetStart();
            long length = block.getParamOffsetEnd() - start;
            long first = Math.max(from, start);
            long last = Math.min(to, start + length);
            if (first < last) {
                long m = block.getUpdaterViewOffsetStart() + (first - start);
                ranges.add(new long[] {first, last - first, m, m + length});
            }
        }
        return ranges;
    }

    /** At least {@code parts} buffers. */
    private Buffers[] buffers(int parts) {
        if (buffers.length < parts) {
            Buffers[] more = Arrays.copyOf(buffers, parts);
            for (int p = buffers.length; p < parts; p++) {
                more[p] = new Buffers();
            }
            buffers = more;
        }
        return buffers;
    }

    /** Java arrays for one block of each array. */
    private static final class Buffers {
        final float[] g = new float[BLOCK];
        final float[] m = new float[BLOCK];
        final float[] v = new float[BLOCK];
        final float[] p = new float[BLOCK];
    }

    /**
     * One updater block's parameters, from {@code start} in the parameters and gradient and from
     * {@code moments} in the state (m: length values, then v: length values), with its constants.
     */
    private record Range(INDArray gradient, INDArray state, INDArray params, long start, long moments, long length,
                         float scale, float beta1, float beta2, float epsilon, float stepSize) {
        /** Parameters {@code [from, to)} of the block, a block of each array at a time. */
        void update(Buffers buffers, long from, long to) {
            for (long at = from; at < to; at += BLOCK) {
                int n = (int) Math.min(BLOCK, to - at);
                NativeFloats.read(gradient, start + at, buffers.g, n);
                NativeFloats.read(state, moments + at, buffers.m, n);
                NativeFloats.read(state, moments + length + at, buffers.v, n);
                NativeFloats.read(params, start + at, buffers.p, n);
                FusedAdam.update(buffers, n, scale, beta1, beta2, epsilon, stepSize);
                NativeFloats.write(buffers.m, 0, state, moments + at, n);
                NativeFloats.write(buffers.v, 0, state, moments + length + at, n);
                NativeFloats.write(buffers.p, 0, params, start + at, n);
            }
        }
    }

    /** One block: {@code m, v} moved by {@code scale · g}; {@code p −= stepSize · m / (√v + ε)}. */
    private static void update(Buffers buffers, int n, float scale, float beta1, float beta2, float epsilon,
                               float stepSize) {
        float[] g = buffers.g;
        float[] m = buffers.m;
        float[] v = buffers.v;
        float[] p = buffers.p;
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;
        for (int i = 0; i < n; i++) {
            float gi = g[i] * scale;
            float mi = beta1 * m[i] + gi * oneMinusBeta1;
            float vi = beta2 * v[i] + gi * gi * oneMinusBeta2;
            m[i] = mi;
            v[i] = vi;
            p[i] -= mi * stepSize / ((float) Math.sqrt(vi) + epsilon);
        }
    }
}
