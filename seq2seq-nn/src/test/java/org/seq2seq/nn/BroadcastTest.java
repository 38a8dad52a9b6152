package org.seq2seq.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Broadcast computes what ND4J's own row and column methods compute, on the layouts the layers use. */
class BroadcastTest {
    private static INDArray matrix() {
        return Nd4j.linspace(DataType.DOUBLE, 1.0, 1.0, 12).reshape('c', 3, 4);     // [[1 2 3 4] [5 6 7 8] [9 10 11 12]]
    }

    @Test
    void rowsAndColumnsCombineWithEveryRowOrColumn() {
        INDArray row = Nd4j.createFromArray(new double[][] {{1, 10, 100, 1000}});
        INDArray column = Nd4j.createFromArray(new double[][] {{2}, {3}, {4}});
        assertEquals(Nd4j.createFromArray(new double[][] {{2, 12, 103, 1004}, {6, 16, 107, 1008}, {10, 20, 111, 1012}}),
                Broadcast.addRow(matrix(), row));
        assertEquals(matrix().mulRowVector(row), Broadcast.mulRow(matrix(), row));
        assertEquals(Nd4j.createFromArray(new double[][] {{2, 4, 6, 8}, {15, 18, 21, 24}, {36, 40, 44, 48}}),
                Broadcast.mulColumn(matrix(), column));
        assertEquals(matrix().subColumnVector(column), Broadcast.subColumn(matrix(), column));
        assertEquals(matrix().addRowVector(row), Broadcast.addRow(matrix(), row.reshape(4)), "a rank-1 row");

        INDArray m = matrix();
        INDArray into = Nd4j.create(DataType.DOUBLE, 3, 4);
        assertSame(into, Broadcast.addRow(m, row, into));
        assertEquals(matrix(), m, "not changed");
        assertEquals(matrix().addRowVector(row), into);
    }

    @Test
    void aStridedColumnAViewAndAVectorOfTheMatrixItselfWork() {
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 0}, {1, 0, 0}, {1, 1, 1}});   // [B, T]
        INDArray column = mask.getColumn(1, true);                                             // stride T
        assertEquals(matrix().mulColumnVector(column), Broadcast.mulColumn(matrix(), column));

        INDArray big = Nd4j.linspace(DataType.DOUBLE, 1.0, 1.0, 24).reshape('c', 4, 6);
        INDArray view = big.get(interval(1, 4), interval(2, 6));                               // [3, 4] at an offset
        INDArray expected = view.dup().addiRowVector(Nd4j.createFromArray(new double[] {1, 2, 3, 4}));
        Broadcast.addRow(view, Nd4j.createFromArray(new double[] {1, 2, 3, 4}));
        assertEquals(expected, big.get(interval(1, 4), interval(2, 6)), "written through the view");
        assertEquals(1.0, big.getDouble(0, 0), "nothing else");

        INDArray m = matrix();
        INDArray firstRow = m.getRow(0, true);                                                 // shares m's memory
        assertEquals(Nd4j.createFromArray(new double[][] {{2, 4, 6, 8}, {6, 8, 10, 12}, {10, 12, 14, 16}}),
                Broadcast.addRow(m, firstRow));
    }

    @Test
    void alongChosenDimensionsOfAThreeDimensionalArray() {
        INDArray ncw = Nd4j.ones(DataType.DOUBLE, 2, 3, 4);                                    // [B, F, T]
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 0, 0}, {1, 1, 1, 0}});    // [B, T]
        Broadcast.mul(ncw, mask, 0, 2);
        assertEquals(2 * 3 + 3 * 3, ncw.sumNumber().intValue());
        assertEquals(0.0, ncw.get(all(), all(), interval(3, 4)).sumNumber().doubleValue());
        Broadcast.add(ncw, mask, 0, 2);
        assertEquals(2.0, ncw.getDouble(1, 2, 2));
        Broadcast.sub(ncw, Nd4j.ones(DataType.DOUBLE, 2, 3), 0, 1);
        assertEquals(1.0, ncw.getDouble(1, 2, 2));
    }

    @Test
    void aVectorOfTheWrongLengthIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Broadcast.addRow(matrix(), Nd4j.ones(DataType.DOUBLE, 1, 3)));
        assertEquals("row [1, 3] does not fit matrix [3, 4]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Broadcast.mulColumn(matrix(), Nd4j.ones(DataType.DOUBLE, 4, 1)));
    }
}
