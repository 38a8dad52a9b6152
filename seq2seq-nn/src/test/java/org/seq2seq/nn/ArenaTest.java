package org.seq2seq.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ArenaTest {
    @Test
    void matricesAreZeroedReusedFromCycleToCycleAndGrow() {
        Arena arena = new Arena();
        arena.reset();
        INDArray a = arena.matrix(DataType.FLOAT, 15, 8);
        INDArray b = arena.matrix(DataType.FLOAT, 15, 3);
        a.assign(1);
        b.assign(2);

        arena.reset();                                                   // a new cycle reuses a's memory
        INDArray a2 = arena.matrix(DataType.FLOAT, 12, 8);
        assertEquals(0.0, a2.sumNumber().doubleValue(), "zeroed");
        a2.assign(5);
        assertEquals(5.0, a.getDouble(0, 0), "the same memory as the first cycle's first matrix");

        INDArray b2 = arena.matrix(DataType.FLOAT, 30, 3);               // longer than b: a buffer of its own
        b2.assign(7);
        assertEquals(2.0, b.getDouble(0, 0), "the old matrix keeps its buffer");
        assertArrayEquals(new long[] {30, 3}, b2.shape());
    }

    @Test
    void rowBlocksToTheEndKeepTheirShape() {
        // ND4J 1.0.0-M2.1 gives such row intervals of arrays at an offset an empty shape
        Arena arena = new Arena();
        arena.reset();
        arena.matrix(DataType.DOUBLE, 15, 3);
        INDArray m = arena.matrix(DataType.DOUBLE, 15, 8);
        for (int t = 0; t < 5; t++) {
            assertArrayEquals(new long[] {3, 8}, TimeMajor.rows(m, 3L * t, 3).shape(), "rows of step " + t);
        }
        INDArray copy = arena.copyOf(Nd4j.linspace(DataType.DOUBLE, 1, 24, 1).reshape(2, 3, 4));
        assertArrayEquals(new long[] {2, 3, 4}, copy.shape());
        assertEquals(24.0, copy.getDouble(1, 2, 3));
        assertTrue(Arena.matrix(null, DataType.FLOAT, 2, 2).sumNumber().doubleValue() == 0);
    }
}
