package org.seq2seq.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Column sums of a matrix: bias gradients, once per training step. A dense float matrix is summed
 * in Java, a block of rows at a time added row by row into the sums; others as a matrix product
 * with a row of ones. ND4J's {@code sum(0)} on a 'c'-ordered matrix walks each column with a
 * stride, and a product of one row is OpenBLAS's slowest shape (docs/performance.md, "ColumnSums").
 */
public final class ColumnSums {
    /** About how many values are read into Java at a time. */
    private static final int BLOCK_VALUES = 1 << 16;

    private ColumnSums() {
    }

    /**
     * @param matrix {@code [N, K]}
     * @param out    receives the sums {@code [1, K]} or {@code [K]}, contiguous, same data type as the matrix
     * @return {@code out}
     */
    public static INDArray into(INDArray matrix, INDArray out) {
        if (matrix.rank() != 2 || out.length() != matrix.size(1) || out.rank() > 2 || (out.rank() == 2 && out.size(0) != 1)) {
            throw new IllegalArgumentException("column sums of " + java.util.Arrays.toString(matrix.shape())
                    + " do not fit " + java.util.Arrays.toString(out.shape()));
        }
        if (NativeFloats.isDense(matrix) && out.dataType() == DataType.FLOAT && out.elementWiseStride() == 1) {
            int columns = (int) matrix.size(1);
            int rows = (int) matrix.size(0);
            float[] sums = new float[columns];
            int block = Math.max(1, Math.min(rows, BLOCK_VALUES / Math.max(1, columns)));
            float[] values = new float[block * columns];
            for (int first = 0; first < rows; first += block) {
                int count = Math.min(block, rows - first);
                NativeFloats.read(matrix, (long) first * columns, values, count * columns);
                for (int r = 0; r < count; r++) {
                    int at = r * columns;
                    for (int k = 0; k < columns; k++) {
                        sums[k] += values[at + k];
                    }
                }
            }
            NativeFloats.writeInOwnOrder(sums, out);                                       // views too
            return out;
        }
        INDArray ones = Nd4j.ones(matrix.dataType(), 1, matrix.size(0));                          // [1, N]
        Gemm.into(ones, matrix, out.rank() == 2 ? out : out.reshape(1, out.length()), false, false, 1.0, 0.0);
        return out;
    }

    /**
     * @param matrix {@code [N, K]}
     * @return the sums {@code [1, K]}
     */
    public static INDArray of(INDArray matrix) {
        return into(matrix, Nd4j.create(matrix.dataType(), 1, matrix.size(1)));
    }
}
