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

    /**
     * A parameter's gradient as DL4J lays it out: a column-major view {@code [3, 4]} in the middle
     * of a layer's flattened row; the values before and after it stay.
     */
    @Test
    void writingInOwnOrderFillsAViewInTheMiddleOfItsArray() {
        INDArray flat = Nd4j.zeros(DataType.FLOAT, 1, 20);
        INDArray view = org.nd4j.linalg.api.shape.Shape.newShapeNoCopy(
                flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(5, 17)), new long[] {3, 4}, true);
        assertEquals('f', view.ordering());
        float[] columnMajor = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        NativeFloats.writeInOwnOrder(columnMajor, view);
        assertEquals(4f, view.getFloat(0, 1));                                        // column 1 starts at 4
        assertEquals(12f, view.getFloat(2, 3));
        float[] all = flat.toFloatVector();
        assertArrayEquals(new float[] {0, 0, 0, 0, 0}, java.util.Arrays.copyOfRange(all, 0, 5));
        assertArrayEquals(columnMajor, java.util.Arrays.copyOfRange(all, 5, 17));
        assertArrayEquals(new float[] {0, 0, 0}, java.util.Arrays.copyOfRange(all, 17, 20));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> NativeFloats.writeInOwnOrder(columnMajor, Nd4j.rand(DataType.FLOAT, 6, 4).get(
                        NDArrayIndex.all(), NDArrayIndex.interval(0, 2))));          // not lying next to each other
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
