package org.seq2seq.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seq2seq.nn.runtime.RangeExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matrix products {@code C = α·op(A)·op(B) + β·C}, where op transposes or not. On ND4J's CPU
 * backend they go straight to OpenBLAS's {@code cblas_sgemm}/{@code cblas_dgemm}, the routine
 * ND4J's own matrix-product op ends in, with the arrays' memory as it is; elsewhere (another
 * backend, or OpenBLAS's Java classes absent) and for arrays whose layout BLAS cannot read (a
 * stride of 0, other data types) through {@link Nd4j#gemm}.
 *
 * <p>Why: ND4J's op costs several times the direct call on a recurrent step's small product, which
 * the recurrent layers make at every time step (docs/performance.md, "Gemm").
 *
 * <p>OpenBLAS's thread count is the one ND4J set ({@code Nd4j.factory().blas().setMaxThreads}
 * acts on the same library). Thread-safe.
 */
public final class Gemm {
    private static final Logger log = LoggerFactory.getLogger(Gemm.class);

    /** Whether products go to OpenBLAS directly: the CPU backend is loaded and so are OpenBLAS's classes. */
    private static final boolean DIRECT = directAvailable();

    /**
     * Floating-point operations (2·M·N·K) a part of a split product must have at least: a product
     * is split between the threads of the {@link RangeExecutor#current() current executor} into
     * parts of rows of the result (or of its columns, when there are more of them) of at least this
     * much work each: smaller halves cost as much to hand over as they save
     * (docs/performance.md, "Gemm.PART_FLOPS").
     */
    public static final double PART_FLOPS = 4e6;

    /**
     * Rows (or columns) at whose multiples the parts of a split product start; also for callers
     * that split a batch's rows and multiply each part's rows here. OpenBLAS computes a block of
     * rows with kernels of several heights (the last rows of a block with smaller ones), and they
     * do not all add a row's products in the same order (docs/performance.md, "Gemm.ALIGN"). Parts
     * starting at multiples of 16 give every row the kernel it gets in the whole product, so that
     * results do not depend on the thread count.
     */
    public static final int ALIGN = 16;

    /**
     * How many floating-point operations reading a value's bytes counts as when the parts of a
     * product of fewer than {@link #ALIGN} rows are weighed: OpenBLAS multiplies at 40–50 Gflop/s
     * on one core here and reads a few GB/s of a matrix beyond the caches, so such a product (a
     * beam of one sentence by a decoder's weights) is worth splitting for its reading. A ratio of a
     * core's speeds, not of the number of cores (docs/performance.md, "Gemm.FLOPS_PER_BYTE").
     */
    static final double FLOPS_PER_BYTE = 16;


    private Gemm() {
    }

    /**
     * {@code c = alpha·op(a)·op(b) + beta·c}.
     *
     * @param a          {@code [M, K]}, or {@code [K, M]} when transposed
     * @param b          {@code [K, N]}, or {@code [N, K]} when transposed
     * @param c          {@code [M, N]}, written in place; must not share memory with a or b
     * @param transposeA use the transpose of a
     * @param transposeB use the transpose of b
     * @return {@code c}
     */
    public static INDArray into(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB,
                                double alpha, double beta) {
        long m = transposeA ? a.size(1) : a.size(0);
        long k = transposeA ? a.size(0) : a.size(1);
        long kb = transposeB ? b.size(1) : b.size(0);
        long n = transposeB ? b.size(0) : b.size(1);
        if (a.rank() != 2 || b.rank() != 2 || c.rank() != 2 || k != kb || c.size(0) != m || c.size(1) != n) {
            throw new IllegalArgumentException("matrix product of " + Arrays.toString(a.shape())
                    + (transposeA ? "ᵀ" : "") + " and " + Arrays.toString(b.shape()) + (transposeB ? "ᵀ" : "")
                    + " does not fit " + Arrays.toString(c.shape()));
        }
        Layout[] layouts = m > 0 && n > 0 && k > 0 && m <= Integer.MAX_VALUE && n <= Integer.MAX_VALUE
                && k <= Integer.MAX_VALUE ? directLayouts(a, b, c) : null;
        if (layouts != null) {
            Layout la = layouts[0];
            Layout lb = layouts[1];
            Layout lc = layouts[2];
            if (lc.rowMajor()) {
                rowMajor(la.rowMajor() == transposeA, lb.rowMajor() == transposeB, (int) m, (int) n,
                        (int) k, alpha, a, la.leading(), b, lb.leading(), beta, c, lc.leading());
            } else {            // cᵀ = op(b)ᵀ·op(a)ᵀ, row-major
                rowMajor(lb.rowMajor() != transposeB, la.rowMajor() != transposeA, (int) n, (int) m,
                        (int) k, alpha, b, lb.leading(), a, la.leading(), beta, c, lc.leading());
            }
            return c;
        }
        if (beta == 0) {
            c.assign(0);                                 // ND4J's op may read c; it may hold garbage (product)
        }
        Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
        return c;
    }

    /**
     * Row-major product, split into parts of rows (or columns) of the result between the threads
     * of the current executor when it has more than one and the product is large enough. Every
     * value of the result is computed as the whole product would compute it.
     */
    private static void rowMajor(boolean ta, boolean tb, int m, int n, int k, double alpha, INDArray a, int lda,
                                 INDArray b, int ldb, double beta, INDArray c, int ldc) {
        RangeExecutor executor = RangeExecutor.current();
        boolean byRows = m >= n;
        int length = byRows ? m : n;
        // a product of fewer rows than ALIGN (one sentence's beam) by a large matrix is the reading of
        // the matrix more than arithmetic, and threads share the reading as they share the arithmetic
        int other = byRows ? n : m;
        double flopsPerIndex = other < ALIGN ? Math.max(2.0 * k * other, FLOPS_PER_BYTE * Float.BYTES * k)
                : 2.0 * k * other;
        int grain = (int) Math.min(Integer.MAX_VALUE, Math.ceil(PART_FLOPS / flopsPerIndex));
        if (executor.parts(length, grain, ALIGN) == 1) {
            OpenBlasGemm.rowMajor(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        } else if (byRows) {                                                       // rows of c and op(a)
            executor.split(m, grain, ALIGN, (from, to) -> OpenBlasGemm.rowMajorAt(ta, tb, to - from, n, k, alpha,
                    a, ta ? from : (long) from * lda, lda, b, 0, ldb, beta, c, (long) from * ldc, ldc));
        } else {                                                                   // columns of c and op(b)
            executor.split(n, grain, ALIGN, (from, to) -> OpenBlasGemm.rowMajorAt(ta, tb, m, to - from, k, alpha,
                    a, 0, lda, b, tb ? (long) from * ldb : from, ldb, beta, c, from, ldc));
        }
    }

    /**
     * {@code a·b} in a new matrix of the current workspace. The matrix is not zeroed first: with
     * {@code beta = 0} OpenBLAS writes every value without reading it (zeroing took 2% of greedy
     * decoding, JFR).
     *
     * @param a {@code [M, K]}
     * @param b {@code [K, N]}
     * @return {@code [M, N]}
     */
    public static INDArray product(INDArray a, INDArray b) {
        return into(a, b, Nd4j.createUninitialized(a.dataType(), a.size(0), b.size(1)), false, false, 1.0, 0.0);
    }

    /**
     * Rows multiplied by a matrix of their group: {@code c[i] = a[i]·op(b[groups[i]])} for every
     * row i, where b holds G matrices one after another. Consecutive rows of one group make one
     * product, so rows kept together by group (the hypotheses of one sentence in beam search) cost
     * a product per group, not one per row.
     *
     * @param a          {@code [N, K]}
     * @param b          {@code [G, K, P]}, or {@code [G, P, K]} when transposed
     * @param groups     N group indices in {@code [0, G)}
     * @param c          {@code [N, P]}, overwritten; must not share memory with a or b
     * @param transposeB use the transpose of each {@code b[g]}
     * @return {@code c}
     */
    public static INDArray grouped(INDArray a, INDArray b, int[] groups, INDArray c, boolean transposeB) {
        long n = a.size(0);
        long k = a.size(1);
        long p = transposeB ? b.size(1) : b.size(2);
        if (a.rank() != 2 || b.rank() != 3 || c.rank() != 2 || (transposeB ? b.size(2) : b.size(1)) != k
                || c.size(0) != n || c.size(1) != p || groups.length != n) {
            throw new IllegalArgumentException("grouped product of " + Arrays.toString(a.shape()) + " and "
                    + Arrays.toString(b.shape()) + (transposeB ? "ᵀ" : "") + " for " + groups.length
                    + " rows does not fit " + Arrays.toString(c.shape()));
        }
        long g = b.size(0);
        for (int group : groups) {
            if (group < 0 || group >= g) {
                throw new IndexOutOfBoundsException("group " + group + " of " + g);
            }
        }
        DataType type = c.dataType();
        INDArray da = contiguous(a, type) ? a : a.castTo(type).dup('c');                 // dense row-major copies
        INDArray db = contiguous(b, type) ? b : b.castTo(type).dup('c');                 // of what BLAS cannot read
        INDArray dc = contiguous(c, type) ? c : Nd4j.create(type, n, p);
        boolean direct = DIRECT && (type == DataType.FLOAT || type == DataType.DOUBLE) && n > 0 && p > 0 && k > 0
                && g * b.size(1) * b.size(2) <= Integer.MAX_VALUE;
        int matrix = (int) (b.size(1) * b.size(2));
        for (int start = 0; start < n; ) {
            int end = start + 1;
            while (end < n && groups[end] == groups[start]) {
                end++;
            }
            if (direct) {
                OpenBlasGemm.rowMajorAt(false, transposeB, end - start, (int) p, (int) k, 1.0,
                        da, (long) start * k, (int) k, db, (long) groups[start] * matrix, (int) b.size(2), 0.0,
                        dc, (long) start * p, (int) p);
            } else {
                into(da.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()),
                        db.get(NDArrayIndex.point(groups[start]), NDArrayIndex.all(), NDArrayIndex.all()),
                        dc.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()), false, transposeB, 1.0, 0.0);
            }
            start = end;
        }
        if (dc != c) {
            c.assign(dc);
        }
        return c;
    }

    /** Whether an array is of the type (float or double), row-major and dense. */
    private static boolean contiguous(INDArray x, DataType type) {
        return (type == DataType.FLOAT || type == DataType.DOUBLE) && x.dataType() == type && x.ordering() == 'c'
                && x.elementWiseStride() == 1;
    }

    /** Whether products of these arrays can go to OpenBLAS directly (for tests). */
    static boolean direct(INDArray a, INDArray b, INDArray c) {
        return directLayouts(a, b, c) != null;
    }

    /**
     * How BLAS reads a, b and c, or null when the product goes through ND4J: another backend,
     * data types other than one float or double type for all three, or a layout BLAS cannot read.
     */
    private static Layout[] directLayouts(INDArray a, INDArray b, INDArray c) {
        DataType type = c.dataType();
        if (!DIRECT || (type != DataType.FLOAT && type != DataType.DOUBLE) || a.dataType() != type
                || b.dataType() != type) {
            return null;
        }
        Layout la = Layout.of(a);
        Layout lb = Layout.of(b);
        Layout lc = Layout.of(c);
        return la == null || lb == null || lc == null ? null : new Layout[] {la, lb, lc};
    }

    /**
     * How BLAS reads a matrix: row by row with {@code leading} elements from one row's start to
     * the next, or column by column.
     */
    private record Layout(boolean rowMajor, int leading) {
        /** The layout of a 2-D array, or null when BLAS cannot read it (stride 0, or neither stride 1). */
        static Layout of(INDArray x) {
            long rows = x.size(0);
            long columns = x.size(1);
            long rowStride = x.stride(0);
            long columnStride = x.stride(1);
            if ((columnStride == 1 || columns == 1) && (rows == 1 || rowStride >= Math.max(1, columns))) {
                long leading = rows == 1 ? Math.max(1, columns) : rowStride;
                return leading <= Integer.MAX_VALUE ? new Layout(true, (int) leading) : null;
            }
            if ((rowStride == 1 || rows == 1) && (columns == 1 || columnStride >= Math.max(1, rows))) {
                long leading = columns == 1 ? Math.max(1, rows) : columnStride;
                return leading <= Integer.MAX_VALUE ? new Layout(false, (int) leading) : null;
            }
            return null;
        }
    }

    private static boolean directAvailable() {
        try {
            String backend = Nd4j.getBackend().getClass().getName();
            if (!backend.startsWith("org.nd4j.linalg.cpu.nativecpu.")) {
                log.debug("matrix products through ND4J: backend {}", backend);
                return false;
            }
            Class.forName("org.bytedeco.openblas.global.openblas_nolapack", false, Gemm.class.getClassLoader());
            return OpenBlasGemm.selfCheck();
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            log.debug("matrix products through ND4J: {}", e.toString());
            return false;
        }
    }
}
