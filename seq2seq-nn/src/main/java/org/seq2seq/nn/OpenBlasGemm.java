package org.seq2seq.nn;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.lang.ref.Reference;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The calls into OpenBLAS for {@link Gemm}, in a class of their own so that nothing loads
 * OpenBLAS's classes before {@link Gemm} has found them on the class path.
 */
final class OpenBlasGemm {
    private OpenBlasGemm() {
    }

    /**
     * Row-major {@code cblas_?gemm}: {@code c = alpha·op(a)·op(b) + beta·c}, the arrays read from
     * their first element with the given leading dimensions.
     *
     * @param a {@code [M, K]} after op
     * @param b {@code [K, N]} after op
     * @param c {@code [M, N]}
     */
    static void rowMajor(boolean transposeA, boolean transposeB, int m, int n, int k, double alpha,
                         INDArray a, int lda, INDArray b, int ldb, double beta, INDArray c, int ldc) {
        rowMajorAt(transposeA, transposeB, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, c, 0, ldc);
    }

    /**
     * Row-major {@code c = alpha·op(a)·op(b) + beta·c} for matrices that start at the given
     * element after their arrays' first element (a part of a product, or one matrix of several).
     *
     * @param a {@code [M, K]} after op, from element {@code aAt}
     * @param b {@code [K, N]} after op, from element {@code bAt}
     * @param c {@code [M, N]}, from element {@code cAt}
     */
    static void rowMajorAt(boolean transposeA, boolean transposeB, int m, int n, int k, double alpha,
                           INDArray a, long aAt, int lda, INDArray b, long bAt, int ldb, double beta,
                           INDArray c, long cAt, int ldc) {
        int ta = transposeA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int tb = transposeB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        if (c.dataType() == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, ta, tb, m, n, k, (float) alpha,
                    new FloatPointer(base(a)).position(elements(a) + aAt), lda,
                    new FloatPointer(base(b)).position(elements(b) + bAt), ldb, (float) beta,
                    new FloatPointer(base(c)).position(elements(c) + cAt), ldc);
        } else {
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, ta, tb, m, n, k, alpha,
                    new DoublePointer(base(a)).position(elements(a) + aAt), lda,
                    new DoublePointer(base(b)).position(elements(b) + bAt), ldb, beta,
                    new DoublePointer(base(c)).position(elements(c) + cAt), ldc);
        }
        // the call reads and writes the arrays' memory by address: they must outlive it
        Reference.reachabilityFence(a);
        Reference.reachabilityFence(b);
        Reference.reachabilityFence(c);
    }

    /** The start of an array's data buffer. */
    private static Pointer base(INDArray x) {
        return x.data().addressPointer();
    }

    /**
     * Where an array's first element is, in elements from the start of its data buffer: 0 in
     * ND4J 1.0.0-M2.1, which gives a view a data buffer that starts at the view's offset; should a
     * view ever keep its parent's buffer, the difference of the offsets.
     */
    private static long elements(INDArray x) {
        return x.offset() - x.data().offset();
    }

    /**
     * Whether the direct call agrees with ND4J's own product on views with offsets and both
     * layouts: run once, when {@link Gemm} loads, so that a backend whose memory is laid out
     * otherwise falls back instead of computing wrong numbers.
     */
    static boolean selfCheck() {
        INDArray base = Nd4j.linspace(DataType.FLOAT, 1, 0.25, 60).reshape('c', 6, 10);
        INDArray a = base.get(interval(1, 4), interval(2, 7));                              // [3, 5], offset 12
        INDArray b = Nd4j.linspace(DataType.FLOAT, -2, 0.5, 20).reshape('f', 5, 4);        // column-major
        INDArray expected = Nd4j.create(DataType.FLOAT, 3, 4);
        Nd4j.gemm(a, b, expected, false, false, 1.0, 0.0);
        INDArray actual = Nd4j.create(DataType.FLOAT, 3, 4);
        rowMajor(false, true, 3, 4, 5, 1.0, a, 10, b, 5, 0.0, actual, 4);
        return actual.equalsWithEps(expected, 1e-4);
    }
}
