package org.seq2seq.encoder.lstm;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.nn.Gemm;
import org.seq2seq.nn.NativeFloats;
import org.seq2seq.nn.ParameterlessVertex;

/** The graph vertex of {@link EncoderContextVertex}. */
final class EncoderContextVertexImpl extends ParameterlessVertex {
    private final EncoderContextVertex conf;
    private final int sourceInputIndex;

    EncoderContextVertexImpl(ComputationGraph graph, String name, int index, EncoderContextVertex conf,
                             DataType dataType) {
        super(graph, name, index, dataType, "encoder context vertex");
        this.conf = conf;
        this.sourceInputIndex = graph.getConfiguration().getNetworkInputs().indexOf(conf.getSourceInput());
        if (sourceInputIndex < 0) {
            throw new IllegalStateException("encoder context vertex '" + name + "': the graph has no input '"
                    + conf.getSourceInput() + "' to take the source mask from");
        }
    }

    /** Each sentence's last real step, from the source mask ({@code S − 1} without one). */
    private int[] lastSteps(int batch, int steps) {
        INDArray[] masks = graph.getInputMaskArrays();
        INDArray mask = masks == null ? null : masks[sourceInputIndex];
        int[] last = new int[batch];
        java.util.Arrays.fill(last, steps - 1);
        if (mask != null) {
            float[] m = NativeFloats.read(mask);                                       // [B, S], one bulk copy
            for (int b = 0; b < batch; b++) {
                last[b] = -1;
                for (int s = 0; s < steps; s++) {
                    if (m[b * steps + s] != 0) {
                        last[b] = s;
                    }
                }
                if (last[b] < 0) {
                    throw new IllegalStateException("encoder context vertex '" + vertexName + "': sentence " + b
                            + " of the batch has no real token");
                }
            }
        }
        return last;
    }

    /**
     * The selection as a matrix: {@code [B·S, B]}, 1 at row {@code b·S + step[b]} of column b, so
     * that a product with it picks or scatters one step per sentence in one GEMM instead of B
     * small copies.
     */
    private static INDArray selection(int[] step, int steps, DataType type) {
        int batch = step.length;
        INDArray p = Nd4j.create(type, (long) batch * steps, batch);
        for (int b = 0; b < batch; b++) {
            p.putScalar((long) b * steps + step[b], b, 1.0);
        }
        return p;
    }

    /** NCW {@code [B, H, S]} as 'c' ordered rows {@code [B·S, H]}, row {@code b·S + s} the step s of b. */
    private static INDArray stepRows(INDArray ncw) {
        return ncw.permute(0, 2, 1).dup('c').reshape('c', ncw.size(0) * ncw.size(2), ncw.size(1));
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException("encoder context vertex '" + vertexName + "': input not set");
        }
        INDArray in = inputs[0];                                                       // [B, H, S]
        int batch = (int) in.size(0);
        int steps = (int) in.size(2);
        long h = in.size(1);
        long f = conf.getForwardFeatures();
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, in.dataType(), new long[] {batch, h}, 'c');
        if (in.dataType() == DataType.FLOAT) {                                         // in Java: a few values per sentence
            float[] x = NativeFloats.read(in);                                         // [B, H, S]
            int[] lastStep = lastSteps(batch, steps);
            float[] context = new float[(int) (batch * h)];
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < h; k++) {
                    context[(int) (b * h + k)] = x[(int) ((b * h + k) * steps + (k < f ? lastStep[b] : 0))];
                }
            }
            NativeFloats.write(context, 0, out, 0, context.length);
            return out;
        }
        INDArray rows = stepRows(in);                                                  // [B·S, H]
        INDArray last = selection(lastSteps(batch, steps), steps, in.dataType());      // [B·S, B]
        Gemm.into(last, rows.get(all(), interval(0, f)), out.get(all(), interval(0, f)), true, false, 1.0, 0.0);
        if (f < h) {
            out.get(all(), interval(f, h)).assign(in.get(all(), interval(f, h), point(0)));
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException("encoder context vertex '" + vertexName + "': input or epsilon not set");
        }
        INDArray in = inputs[0];
        int batch = (int) in.size(0);
        int steps = (int) in.size(2);
        long h = in.size(1);
        long f = conf.getForwardFeatures();
        if (in.dataType() == DataType.FLOAT && epsilon.dataType() == DataType.FLOAT) {
            float[] dContext = NativeFloats.read(epsilon);                              // [B, H]
            int[] lastStep = lastSteps(batch, steps);
            float[] dX = new float[(int) (batch * h * steps)];                          // [B, H, S]
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < h; k++) {
                    dX[(int) ((b * h + k) * steps + (k < f ? lastStep[b] : 0))] += dContext[(int) (b * h + k)];
                }
            }
            INDArray dIn = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, in.dataType(), in.shape(), 'c');
            NativeFloats.write(dX, 0, dIn, 0, dX.length);
            return new Pair<>(new DefaultGradient(), new INDArray[] {dIn});
        }
        INDArray dRows = Nd4j.create(in.dataType(), (long) batch * steps, h);         // [B·S, H]
        INDArray last = selection(lastSteps(batch, steps), steps, in.dataType());      // [B·S, B]
        Gemm.into(last, epsilon.get(all(), interval(0, f)), dRows.get(all(), interval(0, f)), false, false, 1.0, 0.0);
        INDArray dIn = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, in.dataType(), in.shape(), 'c');
        dIn.assign(dRows.reshape('c', batch, steps, h).permute(0, 2, 1));
        if (f < h) {
            dIn.get(all(), interval(f, h), point(0)).addi(epsilon.get(all(), interval(f, h)));
        }
        return new Pair<>(new DefaultGradient(), new INDArray[] {dIn});
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                           int minibatchSize) {
        return new Pair<>(null, currentMaskState);   // the context is one vector per sentence
    }

    @Override
    public String toString() {
        return "EncoderContextVertexImpl(" + vertexName + ", " + conf + ")";
    }
}
