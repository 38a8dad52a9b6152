package org.seq2seq.decoder.gru;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.Arrays;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seq2seq.nn.NativeFloats;
import org.seq2seq.nn.ParameterlessVertex;
import org.seq2seq.nn.runtime.Scratch;

/** The graph vertex of {@link AppendContextVertex}. */
final class AppendContextVertexImpl extends ParameterlessVertex {

    AppendContextVertexImpl(ComputationGraph graph, String name, int index, DataType dataType) {
        super(graph, name, index, dataType, "append-context vertex");
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException("append-context vertex '" + vertexName + "': inputs not set");
        }
        INDArray steps = inputs[0];                                                   // [B, F, T]
        INDArray context = inputs[1];                                                 // [B, C]
        if (steps.rank() != 3 || context.rank() != 2 || context.size(0) != steps.size(0)) {
            throw new IllegalStateException("append-context vertex '" + vertexName + "': expected [B, F, T] and "
                    + "[B, C], got " + Arrays.toString(steps.shape()) + " and " + Arrays.toString(context.shape()));
        }
        long batch = steps.size(0);
        long f = steps.size(1);
        long c = context.size(1);
        long t = steps.size(2);
        DataType type = steps.dataType();
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, type, new long[] {batch, f + c, t}, 'c');
        if (type == DataType.FLOAT && context.dataType() == DataType.FLOAT) {
            NativeFloats.write(appended(steps, context), 0, out, 0, Math.toIntExact(out.length()));
            return out;
        }
        out.get(all(), interval(0, f), all()).assign(steps);
        INDArray contextOut = out.get(all(), interval(f, f + c), all());
        for (long s = 0; s < t; s++) {
            contextOut.get(all(), all(), point(s)).assign(context);
        }
        return out;
    }

    /**
     * The output's values, row-major {@code [B, F + C, T]}, built in Java: reading a permuted view
     * in place and copying it in ND4J is what made the concatenation slow.
     */
    private static float[] appended(INDArray steps, INDArray context) {
        int batch = (int) steps.size(0);
        int f = (int) steps.size(1);
        int t = (int) steps.size(2);
        int c = (int) context.size(1);
        int width = f + c;
        Scratch scratch = Scratch.forThisThread();                                     // reused: no garbage per step
        float[] out = scratch.floats(Scratch.GATES, batch * width * t);
        float[] in = stepMajor(steps, scratch.floats(Scratch.STATES, batch * f * t));
        if (in != null) {                                                             // [B, T, F]
            for (int b = 0; b < batch; b++) {
                for (int s = 0; s < t; s++) {
                    int from = (b * t + s) * f;
                    int to = b * width * t + s;
                    for (int k = 0; k < f; k++) {
                        out[to + k * t] = in[from + k];
                    }
                }
            }
        } else {
            float[] ncw = NativeFloats.read(steps, scratch.floats(Scratch.STATES, batch * f * t));   // [B, F, T]
            for (int b = 0; b < batch; b++) {
                System.arraycopy(ncw, b * f * t, out, b * width * t, f * t);
            }
        }
        float[] ctx = NativeFloats.read(context);                                     // [B, C]
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < c; k++) {
                int at = (b * width + f + k) * t;
                Arrays.fill(out, at, at + t, ctx[b * c + k]);
            }
        }
        return out;
    }

    /**
     * The values of {@code [B, F, T]} in step-major order {@code [B, T, F]} read straight from
     * memory, when the array is the permuted view {@code permute(0, 2, 1)} of a dense row-major
     * {@code [B, T, F]} (the embedding layer's output); null otherwise.
     */
    private static float[] stepMajor(INDArray steps, float[] into) {
        long[] stride = steps.stride();
        long f = steps.size(1);
        long t = steps.size(2);
        boolean permuted = steps.offset() == 0 && stride[0] == f * t && stride[1] == 1 && stride[2] == f;
        return permuted ? NativeFloats.readMemory(steps, into) : null;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException("append-context vertex '" + vertexName + "': input or epsilon not set");
        }
        long f = inputs[0].size(1);
        long c = inputs[1].size(1);
        INDArray dSteps = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(),
                inputs[0].shape(), 'c');                                              // [B, F, T]
        dSteps.assign(epsilon.get(all(), interval(0, f), all()));
        INDArray dContext = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, epsilon.dataType(),
                new long[] {inputs[1].size(0), c}, 'c');                             // [B, C]: the sum over steps
        epsilon.get(all(), interval(f, f + c), all()).sum(dContext, 2);
        return new Pair<>(new DefaultGradient(), new INDArray[] {dSteps, dContext});
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                           int minibatchSize) {
        // One output per step of the sequence: its mask passes through.
        return maskArrays == null ? new Pair<>(null, currentMaskState) : new Pair<>(maskArrays[0], currentMaskState);
    }

    @Override
    public String toString() {
        return "AppendContextVertexImpl(" + vertexName + ")";
    }
}
