package org.seq2seq.spark.replica;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seq2seq.nn.NativeFloats;

/**
 * Everything a replica's next step depends on, as plain arrays: the parameters, the updater's
 * state (Adam's moments) and the iteration count (Adam's bias correction). What the driver starts
 * the replicas from and fetches back from one of them.
 *
 * @param parameters the flattened parameters, {@code [parameters]}
 * @param updater    the updater's flattened state, {@code [updater state]} (empty when it keeps none)
 * @param iteration  the steps the updater has taken
 */
record ReplicaState(float[] parameters, float[] updater, int iteration) {
    /** The state of a graph, copied. */
    static ReplicaState of(ComputationGraph graph) {
        INDArray state = graph.getUpdater(true).getStateViewArray();
        return new ReplicaState(NativeFloats.read(graph.params()),
                state == null ? new float[0] : NativeFloats.read(state), graph.getIterationCount());
    }

    /** Sets this state into a graph of the same configuration. */
    void into(ComputationGraph graph) {
        INDArray params = graph.params();
        if (params.length() != parameters.length) {
            throw new IllegalArgumentException("a state of " + parameters.length + " parameters for a graph of "
                    + params.length());
        }
        NativeFloats.write(parameters, 0, params, 0, parameters.length);
        INDArray state = graph.getUpdater(true).getStateViewArray();
        if (updater.length > 0) {
            if (state == null || state.length() != updater.length) {
                throw new IllegalArgumentException("an updater state of " + updater.length + " values for a graph "
                        + "whose updater keeps " + (state == null ? 0 : state.length()));
            }
            NativeFloats.write(updater, 0, state, 0, updater.length);
        }
        graph.getConfiguration().setIterationCount(iteration);
    }

    /** A 64-bit hash of every bit of the state: equal states, equal checksums. */
    long checksum() {
        long h = 0xcbf29ce484222325L ^ iteration;
        for (float[] array : new float[][] {parameters, updater}) {
            for (float v : array) {
                h = (h ^ Float.floatToRawIntBits(v)) * 0x100000001b3L;
            }
        }
        return h;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(iteration);
        Wire.writeFloats(out, parameters);
        Wire.writeFloats(out, updater);
    }

    static ReplicaState read(DataInputStream in) throws IOException {
        int iteration = in.readInt();
        return new ReplicaState(Wire.readFloats(in), Wire.readFloats(in), iteration);
    }
}
