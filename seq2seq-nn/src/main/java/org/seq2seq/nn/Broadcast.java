package org.seq2seq.nn;

import java.lang.ref.Reference;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BroadcastOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A row or a column combined with every row or column of a matrix, and every other ND4J broadcast
 * op the layers run: the only way this code base runs them, because ND4J 1.0.0-M2.1 runs them
 * unsafely.
 *
 * <p>ND4J's {@code NativeOpExecutioner.exec(BroadcastOp)} takes the native buffers out of the op
 * and its arrays and calls native code without keeping the op reachable: once compiled, nothing
 * refers to the op, to the {@code dimensions} array it made (outside any workspace), nor to an
 * operand the caller no longer uses (a column view made for the call). A garbage collection during
 * the native call lets ND4J's deallocator thread free their native buffers while the op reads them:
 * a SIGSEGV in {@code sd::DataBuffer::primary()}, or values read from freed memory. INDArray's
 * {@code addiRowVector}, {@code muliColumnVector} and the like run the same code. Here the op is
 * kept reachable ({@link Reference#reachabilityFence}) until the native call has returned, and with
 * it every array it holds. {@code ArchitectureTest} keeps the other ways out of the library.
 *
 * <p>All methods work in place on their first argument and return it (but for
 * {@link #addRow(INDArray, INDArray, INDArray)}); the other is not changed.
 */
public final class Broadcast {
    private Broadcast() {
    }

    /**
     * {@code array += values} with {@code values} repeated along the dimensions it does not have.
     *
     * @param values     shaped as {@code array} along {@code dimensions}
     * @param dimensions the dimensions of {@code array} that {@code values} spans, e.g. {@code 0, 2}
     *                   for a {@code [B, T]} mask over a {@code [B, F, T]} array
     * @return {@code array}
     */
    public static INDArray add(INDArray array, INDArray values, int... dimensions) {
        return run(new BroadcastAddOp(array, values, array, dimensions));
    }

    /** {@code array -= values}; the layout of {@link #add}. */
    public static INDArray sub(INDArray array, INDArray values, int... dimensions) {
        return run(new BroadcastSubOp(array, values, array, dimensions));
    }

    /** {@code array *= values}; the layout of {@link #add}. */
    public static INDArray mul(INDArray array, INDArray values, int... dimensions) {
        return run(new BroadcastMulOp(array, values, array, dimensions));
    }

    /**
     * {@code matrix[i, j] += row[j]}.
     *
     * @param matrix {@code [N, K]}
     * @param row    {@code [1, K]} or {@code [K]}
     * @return {@code matrix}
     */
    public static INDArray addRow(INDArray matrix, INDArray row) {
        return addRow(matrix, row, matrix);
    }

    /**
     * {@code into[i, j] = matrix[i, j] + row[j]}.
     *
     * @param matrix {@code [N, K]}; not changed unless it is {@code into}
     * @param row    {@code [1, K]} or {@code [K]}
     * @param into   {@code [N, K]}
     * @return {@code into}
     */
    public static INDArray addRow(INDArray matrix, INDArray row, INDArray into) {
        INDArray r = vector(matrix, row, 1);
        return run(new BroadcastAddOp(matrix, r, into, 1));
    }

    /**
     * {@code matrix[i, j] *= row[j]}.
     *
     * @param matrix {@code [N, K]}
     * @param row    {@code [1, K]} or {@code [K]}
     * @return {@code matrix}
     */
    public static INDArray mulRow(INDArray matrix, INDArray row) {
        INDArray r = vector(matrix, row, 1);
        return run(new BroadcastMulOp(matrix, r, matrix, 1));
    }

    /**
     * {@code matrix[i, j] *= column[i]}.
     *
     * @param matrix {@code [N, K]}
     * @param column {@code [N, 1]} or {@code [N]}
     * @return {@code matrix}
     */
    public static INDArray mulColumn(INDArray matrix, INDArray column) {
        INDArray c = vector(matrix, column, 0);
        return run(new BroadcastMulOp(matrix, c, matrix, 0));
    }

    /**
     * {@code matrix[i, j] -= column[i]}.
     *
     * @param matrix {@code [N, K]}
     * @param column {@code [N, 1]} or {@code [N]}
     * @return {@code matrix}
     */
    public static INDArray subColumn(INDArray matrix, INDArray column) {
        INDArray c = vector(matrix, column, 0);
        return run(new BroadcastSubOp(matrix, c, matrix, 0));
    }

    /** Runs a broadcast op, keeping it and so its arrays reachable until the native call has returned. */
    private static INDArray run(BroadcastOp op) {
        try {
            return Nd4j.getExecutioner().exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    /**
     * The vector as the op reads it along {@code dimension} of {@code matrix}: rank 1, a copy when
     * it shares the matrix's memory (as ND4J's own row and column ops do).
     *
     * @throws IllegalArgumentException when the matrix is not 2-D or the vector's length does not
     *                                  match the matrix along {@code dimension}
     */
    private static INDArray vector(INDArray matrix, INDArray vector, int dimension) {
        if (matrix.rank() != 2 || !vector.isVectorOrScalar() || vector.length() != matrix.size(dimension)) {
            throw new IllegalArgumentException((dimension == 1 ? "row " : "column ") + Arrays.toString(vector.shape())
                    + " does not fit matrix " + Arrays.toString(matrix.shape()));
        }
        INDArray v = vector.rank() == 1 ? vector : vector.reshape(vector.length());
        return v.data().sameUnderlyingData(matrix.data()) ? v.dup() : v;
    }
}
