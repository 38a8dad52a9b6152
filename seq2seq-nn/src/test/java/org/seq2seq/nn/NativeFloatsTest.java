package org.seq2seq.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class NativeFloatsTest {

    @Test
    void rowsAreCopiedFromViewsOtherTypesAndOrders() {
        INDArray m = Nd4j.rand(DataType.FLOAT, 6, 9);
        INDArray view = m.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());      // rows 2..4, offset 18
        assertArrayEquals(view.toFloatMatrix(), NativeFloats.rows(view));
        assertArrayEquals(m.toFloatMatrix(), NativeFloats.rows(m.dup('f')));
        assertArrayEquals(m.toFloatMatrix(), NativeFloats.rows(m.castTo(DataType.DOUBLE)));
        assertArrayEquals(m.getColumns(1, 4).toFloatMatrix(), NativeFloats.rows(m.getColumns(1, 4)));
    }

    @Test
    void valuesAreReadRowMajorFromViewsAndOtherOrders() {
        INDArray m = Nd4j.rand(DataType.FLOAT, 4, 5);
        assertArrayEquals(m.reshape(20).toFloatVector(), NativeFloats.read(m));
        assertArrayEquals(m.reshape(20).toFloatVector(), NativeFloats.read(m.dup('f')));
        assertArrayEquals(m.getRow(2).toFloatVector(), NativeFloats.read(m.getRow(2)));
        assertArrayEquals(m.getColumn(3).toFloatVector(), NativeFloats.read(m.getColumn(3)));
    }

    @Test
    void createdArraysHoldTheValuesRowMajor() {
        float[] values = {1, 2, 3, 4, 5, 6};
        INDArray a = NativeFloats.create(values, 2, 3);
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertEquals(DataType.FLOAT, a.dataType());
        assertArrayEquals(new float[][] {{1, 2, 3}, {4, 5, 6}}, a.toFloatMatrix());
    }
}
