package org.seq2seq.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
        INDArray c = Nd4j.create(DataType.FLOAT, 3, 5);
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
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.into(a, b, Nd4j.create(DataType.FLOAT, 3, 3), false, false, 1.0, 0.0));
        assertEquals("matrix product of [3, 4] and [4, 2] does not fit [3, 3]", e.getMessage());
    }
}
