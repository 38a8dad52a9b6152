package org.seq2seq.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.nn.runtime.RangeExecutor;

class GemmTest {
    /** Matrices of {@code rows × columns} laid out every way the layers hand them over. */
    private static List<INDArray> layouts(DataType type, long rows, long columns, long seed) {
        Nd4j.getRandom().setSeed(seed);
        List<INDArray> out = new ArrayList<>();
        out.add(Nd4j.rand(type, rows, columns));                                                // 'c'
        out.add(Nd4j.rand(type, rows, columns).dup('f'));                                       // 'f'
        out.add(Nd4j.rand(type, rows + 3, columns).get(interval(2, 2 + rows), all()));          // rows at an offset
        out.add(Nd4j.rand(type, rows, columns + 5).get(all(), interval(4, 4 + columns)));       // columns: leading > columns
        out.add(Nd4j.rand(type, columns, rows).transpose());                                    // a transposed view
        return out;
    }

    private static void assertSameAsNd4j(DataType type, long m, long k, long n, double tolerance) {
        int cases = 0;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (INDArray a : layouts(type, ta ? k : m, ta ? m : k, 1)) {
                    for (INDArray b : layouts(type, tb ? n : k, tb ? k : n, 2)) {
                        for (INDArray c0 : layouts(type, m, n, 3)) {
                            INDArray expected = c0.dup();
                            Nd4j.gemm(a, b, expected, ta, tb, 0.5, 0.25);
                            INDArray view = c0;                              // written in place, views too
                            assertTrue(Gemm.direct(a, b, view));
                            Gemm.into(a, b, view, ta, tb, 0.5, 0.25);
                            assertTrue(view.equalsWithEps(expected, tolerance),
                                    () -> "transposes " + ta + "/" + tb + ": " + view + " against " + expected);
                            cases++;
                        }
                    }
                }
            }
        }
        assertEquals(4 * 5 * 5 * 5, cases);
    }

    @Test
    void everyLayoutAndTransposeGivesNd4jsProductInFloats() {
        assertSameAsNd4j(DataType.FLOAT, 7, 5, 6, 1e-5);
    }

    @Test
    void everyLayoutAndTransposeGivesNd4jsProductInDoubles() {
        assertSameAsNd4j(DataType.DOUBLE, 4, 9, 3, 1e-12);
    }

    @Test
    void vectorsAndSingleElementsToo() {
        assertSameAsNd4j(DataType.DOUBLE, 1, 6, 4, 1e-12);    // a row vector times a matrix
        assertSameAsNd4j(DataType.DOUBLE, 5, 6, 1, 1e-12);    // a matrix times a column vector
        assertSameAsNd4j(DataType.DOUBLE, 1, 1, 1, 1e-12);
    }

    @Test
    void whatBlasCannotReadGoesThroughNd4j() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 3, 4);
        INDArray row = Nd4j.rand(DataType.FLOAT, 1, 5);
        INDArray b = Nd4j.create(row.data(), new long[] {4, 5}, new long[] {0, 1}, 0, 'c', DataType.FLOAT);  // stride 0
        INDArray c = Nd4j.valueArrayOf(new long[] {3, 5}, Float.NaN, DataType.FLOAT);     // what product's c may hold
        assertFalse(Gemm.direct(a, b, c));
        INDArray expected = Nd4j.create(DataType.FLOAT, 3, 5);
        Nd4j.gemm(a, b, expected, false, false, 1.0, 0.0);
        assertTrue(Gemm.into(a, b, c, false, false, 1.0, 0.0).equalsWithEps(expected, 1e-5));

        INDArray mixed = Nd4j.rand(DataType.DOUBLE, 4, 5);
        assertFalse(Gemm.direct(a, mixed, c));
    }

    @Test
    void productMakesANewMatrixAndShapesThatDoNotFitAreRefused() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 3, 4);
        INDArray b = Nd4j.rand(DataType.FLOAT, 4, 2);
        assertTrue(Gemm.product(a, b).equalsWithEps(a.mmul(b), 1e-5));
        INDArray garbage = Nd4j.valueArrayOf(new long[] {3, 2}, Float.NaN, DataType.FLOAT);   // beta 0 ignores c
        assertTrue(Gemm.into(a, b, garbage, false, false, 1.0, 0.0).equalsWithEps(a.mmul(b), 1e-5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.into(a, b, Nd4j.create(DataType.FLOAT, 3, 3), false, false, 1.0, 0.0));
        assertEquals("matrix product of [3, 4] and [4, 2] does not fit [3, 3]", e.getMessage());
    }

    @Test
    void groupedProductsMultiplyEachRowByItsGroupsMatrix() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Nd4j.getRandom().setSeed(3);
            int[] groups = {2, 2, 0, 1, 1, 1, 2, 0};                 // runs of 2, 1, 3, 1, 1 rows
            INDArray a = Nd4j.rand(type, groups.length, 4).subi(0.5);                           // [N, K]
            INDArray b = Nd4j.rand(type, 3, 4, 5).subi(0.5);                                   // [G, K, P]
            INDArray bt = Nd4j.rand(type, 3, 5, 4).subi(0.5);                                  // [G, P, K]
            INDArray c = Gemm.grouped(a, b, groups, Nd4j.create(type, groups.length, 5), false);
            INDArray ct = Gemm.grouped(a, bt, groups, Nd4j.valueArrayOf(new long[] {groups.length, 5}, 7.0, type), true);
            for (int i = 0; i < groups.length; i++) {
                INDArray row = a.getRow(i).reshape(1, 4);
                assertTrue(row.mmul(b.slice(groups[i])).reshape(5).equalsWithEps(c.getRow(i), 1e-6), type + " row " + i);
                assertTrue(row.mmul(bt.slice(groups[i]).transpose()).reshape(5).equalsWithEps(ct.getRow(i), 1e-6),
                        type + " row " + i + ", transposed");
            }
            INDArray view = Nd4j.rand(type, groups.length, 6).get(all(), interval(1, 5));      // not dense: through ND4J
            INDArray viaNd4j = Gemm.grouped(view, b, groups, Nd4j.create(type, groups.length, 5), false);
            assertTrue(viaNd4j.equalsWithEps(Gemm.grouped(view.dup('c'), b, groups, Nd4j.create(type, groups.length, 5),
                    false), 1e-6));
        }
        INDArray a = Nd4j.rand(DataType.FLOAT, 2, 4);
        INDArray b = Nd4j.rand(DataType.FLOAT, 3, 4, 5);
        assertThrows(IndexOutOfBoundsException.class,
                () -> Gemm.grouped(a, b, new int[] {0, 3}, Nd4j.create(DataType.FLOAT, 2, 5), false));
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.grouped(a, b, new int[] {0, 1}, Nd4j.create(DataType.FLOAT, 2, 5), true));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void productsSplitBetweenThreadsEqualTheWholeProductExactly(int threads) {
        // split by rows (M ≥ N) and by columns (N > M), into as many parts as there are threads; the
        // last: a beam of one sentence by a decoder's weights, split for the reading of b
        long[][] shapes = {{420, 100, 200}, {96, 128, 840}, {421, 64, 300}, {5, 512, 1536}};
        int cases = 0;
        try (RangeExecutor executor = RangeExecutor.create(threads, "test")) {
            for (long[] shape : shapes) {
                long m = shape[0];
                long k = shape[1];
                long n = shape[2];
                long length = Math.max(m, n);
                long other = Math.min(m, n);
                double perIndex = 2.0 * k * other;
                if (other < Gemm.ALIGN) {
                    perIndex = Math.max(perIndex, Gemm.FLOPS_PER_BYTE * Float.BYTES * k);
                }
                int grain = (int) Math.ceil(Gemm.PART_FLOPS / perIndex);
                assertEquals(threads, executor.parts(length, grain), "parts of " + Arrays.toString(shape));
                for (boolean ta : new boolean[] {false, true}) {
                    for (boolean tb : new boolean[] {false, true}) {
                        for (INDArray a : layouts(DataType.FLOAT, ta ? k : m, ta ? m : k, 1)) {
                            for (INDArray b : layouts(DataType.FLOAT, tb ? n : k, tb ? k : n, 2)) {
                                for (INDArray c0 : layouts(DataType.FLOAT, m, n, 3)) {
                                    INDArray whole = c0.dup();
                                    Gemm.into(a, b, whole, ta, tb, 0.5, 0.25);
                                    INDArray split = executor.call(() ->            // in place, views too
                                            Gemm.into(a, b, c0, ta, tb, 0.5, 0.25));
                                    assertEquals(whole, split, "transposes " + ta + "/" + tb);
                                    cases++;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertEquals(4 * 4 * 5 * 5 * 5, cases);
    }
}
