package org.seq2seq.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ColumnSumsTest {
    @Test
    void sumsEachColumn() {
        INDArray m = Nd4j.create(new double[][] {{1, 2, 3}, {10, 20, 30}, {-4, 0.5, 7}});
        assertArrayEquals(new double[] {7, 22.5, 40}, ColumnSums.of(m).toDoubleVector(), 1e-12);
    }

    @Test
    void writesIntoARowViewOfALargerArray() {
        INDArray m = Nd4j.rand(DataType.DOUBLE, 50, 4);
        INDArray flat = Nd4j.zeros(DataType.DOUBLE, 10);
        INDArray view = flat.get(NDArrayIndex.interval(3, 7));                      // [4], a view
        ColumnSums.into(m, view);
        assertArrayEquals(m.sum(0).toDoubleVector(), flat.get(NDArrayIndex.interval(3, 7)).toDoubleVector(), 1e-12);
        assertEquals(0, flat.getDouble(2));
        assertEquals(0, flat.getDouble(7));
    }

    @Test
    void refusesAnOutputOfTheWrongSize() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ColumnSums.into(Nd4j.rand(DataType.DOUBLE, 5, 4), Nd4j.create(DataType.DOUBLE, 1, 3)));
        assertEquals("column sums of [5, 4] do not fit [1, 3]", e.getMessage());
    }

    @Test
    void floatsAreSummedInJavaIntoViewsTooAsTheProductSumsThem() {
        Nd4j.getRandom().setSeed(6);
        INDArray m = Nd4j.randn(DataType.FLOAT, 300, 1000);                         // several blocks of rows
        INDArray flat = Nd4j.zeros(DataType.FLOAT, 1, 1010);
        INDArray view = flat.get(NDArrayIndex.all(), NDArrayIndex.interval(5, 1005)); // [1, 1000] at an offset
        ColumnSums.into(m, view);
        INDArray exact = m.castTo(DataType.DOUBLE).sum(0);
        double worst = exact.sub(view.castTo(DataType.DOUBLE).reshape(1000)).amaxNumber().doubleValue();
        assertTrue(worst < 1e-4, "largest difference from the double sums " + worst);
        assertEquals(0, flat.getDouble(0, 4));
        assertEquals(0, flat.getDouble(0, 1005));
        INDArray columnMajor = m.dup('f');                                           // the product's path
        assertTrue(ColumnSums.of(columnMajor).equalsWithEps(view, 1e-3));
    }
}
