package org.seq2seq.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.nn.runtime.RangeExecutor;

class L2NormTest {
    @Test
    void theNormOfFloatsIsNd4jsAndTheSameOnAnyNumberOfThreads() {
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.randn(DataType.FLOAT, 1, 100_003);                    // seven blocks, the last short
        double expected = x.castTo(DataType.DOUBLE).norm2Number().doubleValue();
        double one = L2Norm.of(x);
        assertEquals(expected, one, expected * 1e-12);
        for (int threads = 2; threads <= 5; threads++) {
            try (RangeExecutor executor = RangeExecutor.create(threads, "test")) {
                assertEquals(one, executor.call(() -> L2Norm.of(x)), 0.0, threads + " threads");
            }
        }
        assertEquals(5.0, L2Norm.of(Nd4j.createFromArray(3f, 4f)), 0.0);
        assertEquals(0.0, L2Norm.of(Nd4j.create(DataType.FLOAT, 1, 1)), 0.0);
    }

    @Test
    void viewsAndDoublesGoThroughNd4jAndNonFiniteValuesShow() {
        INDArray doubles = Nd4j.createFromArray(new double[] {3, 4, 12});
        assertEquals(13.0, L2Norm.of(doubles), 1e-12);
        INDArray view = Nd4j.createFromArray(new float[][] {{1, 3}, {2, 4}}).getColumn(1);
        assertEquals(5.0, L2Norm.of(view), 1e-6);
        assertTrue(Double.isNaN(L2Norm.of(Nd4j.createFromArray(1f, Float.NaN))));
        assertTrue(Double.isInfinite(L2Norm.of(Nd4j.createFromArray(1f, Float.POSITIVE_INFINITY))));
    }
}
