package org.seq2seq.decoder.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.nn.runtime.RangeExecutor;

class SoftmaxCrossEntropyTest {
    private static INDArray logits() {
        return Nd4j.create(new double[][] {{1, 2, 3}, {0, 0, 0}, {-1, 4, 0.5}}).castTo(DataType.DOUBLE);
    }

    private static INDArray probabilities() {
        return Nd4j.create(DataType.DOUBLE, 3, 3);
    }

    @Test
    void lossIsTheNegativeLogProbabilityOfEachRealLabel() {
        // row 0, label 2: log(e^1 + e^2 + e^3) - 3 = log(1 + e^-1 + e^-2); row 1 is masked; row 2, label 1, weight 1
        double row0 = Math.log(1 + Math.exp(-1) + Math.exp(-2));
        double row2 = Math.log(Math.exp(-1) + Math.exp(4) + Math.exp(0.5)) - 4;
        assertEquals(0.40760596444, row0, 1e-11);
        assertEquals(row0 + row2, SoftmaxCrossEntropy.loss(logits(), probabilities(), new int[] {2, 0, 1}, new double[] {1, 0, 1}), 1e-12);
        assertEquals(row0 + Math.log(3) + row2, SoftmaxCrossEntropy.loss(logits(), probabilities(), new int[] {2, 0, 1}, null), 1e-12);
    }

    @Test
    void gradientIsSoftmaxMinusOneHotOnRealRowsAndZeroOnPadding() {
        INDArray logits = logits();
        INDArray z = probabilities();
        SoftmaxCrossEntropy.lossAndGradient(logits, z, new int[] {2, 0, 1}, new double[] {1, 0, 1});
        assertEquals(logits(), logits);
        double s = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertArrayEquals(new double[] {Math.exp(1) / s, Math.exp(2) / s, Math.exp(3) / s - 1}, z.getRow(0).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {0, 0, 0}, z.getRow(1).toDoubleVector(), 0);
        double s2 = Math.exp(-1) + Math.exp(4) + Math.exp(0.5);
        assertArrayEquals(new double[] {Math.exp(-1) / s2, Math.exp(4) / s2 - 1, Math.exp(0.5) / s2}, z.getRow(2).toDoubleVector(), 1e-12);
    }

    @Test
    void aLabelWhoseProbabilityUnderflowsStillHasAFiniteExactLoss() {
        INDArray logits = Nd4j.create(new float[][] {{0, 200, -300}});          // p(label 2) = e^-500: 0 in float
        INDArray p = Nd4j.create(DataType.FLOAT, 1, 3);
        double loss = SoftmaxCrossEntropy.loss(logits, p, new int[] {2}, null);
        assertEquals(0, p.getDouble(0, 2), 1e-18);
        assertEquals(500, loss, 1e-9);
        INDArray inDoubles = Nd4j.create(new double[][] {{0, 200, -800}});      // e^-1000: 0 in double too
        assertEquals(1000, SoftmaxCrossEntropy.loss(inDoubles, Nd4j.create(DataType.DOUBLE, 1, 3), new int[] {2}, null),
                1e-9);
    }

    /**
     * Float arrays take the Java path and double arrays ND4J's: the two agree to float precision
     * on the loss, the probabilities and the gradient, with label smoothing and with mask weights
     * of 0, 1 and between, over more rows than the Java path copies at a time.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0, 0.1})
    void floatsInJavaAgreeWithDoublesInNd4j(double smoothing) {
        int rows = 70;
        int v = 5000;
        Nd4j.getRandom().setSeed(7);
        INDArray doubles = Nd4j.randn(DataType.DOUBLE, rows, v).muli(3);
        INDArray floats = doubles.castTo(DataType.FLOAT);
        int[] labels = new int[rows];
        double[] mask = new double[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = 1 + (i * 37) % (v - 1);
            mask[i] = i % 7 == 3 ? 0 : i % 5 == 1 ? 0.5 : 1;
        }
        labels[3] = v + 9;                                                         // masked: never read

        INDArray expectedP = Nd4j.create(DataType.DOUBLE, rows, v);
        INDArray actualP = Nd4j.create(DataType.FLOAT, rows, v);
        double expectedLoss = SoftmaxCrossEntropy.loss(doubles, expectedP, labels, mask, smoothing);
        double actualLoss = SoftmaxCrossEntropy.loss(floats, actualP, labels, mask, smoothing);
        assertEquals(expectedLoss, actualLoss, Math.abs(expectedLoss) * 1e-6);
        assertTrue(expectedP.castTo(DataType.FLOAT).equalsWithEps(actualP, 1e-6), "probabilities");

        INDArray expectedG = Nd4j.create(DataType.DOUBLE, rows, v);
        INDArray actualG = Nd4j.create(DataType.FLOAT, rows, v);
        assertEquals(expectedLoss, SoftmaxCrossEntropy.lossAndGradient(doubles, expectedG, labels, mask, smoothing),
                Math.abs(expectedLoss) * 1e-12);
        assertEquals(actualLoss, SoftmaxCrossEntropy.lossAndGradient(floats, actualG, labels, mask, smoothing), 0.0);
        assertTrue(expectedG.castTo(DataType.FLOAT).equalsWithEps(actualG, 1e-6), "gradient");
        assertEquals(0.0, actualG.getRow(3).norm1Number().doubleValue(), 0.0);
        assertEquals(0.0, actualG.sum(1).maxNumber().doubleValue(), 1e-5);              // each row of p − q sums to 0
    }

    /**
     * The bias added as the rows are read gives exactly the loss and gradient of logits with the
     * bias added by ND4J first, in float (Java) and double (ND4J); and on 2 to 4 threads (70 rows
     * of 5000) exactly what one thread gives.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0, 0.1})
    void theBiasAddedAsRowsAreReadAndMoreThreadsChangeNothing(double smoothing) {
        int rows = 70;
        int v = 5000;
        Nd4j.getRandom().setSeed(8);
        int[] labels = new int[rows];
        double[] mask = new double[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = 1 + (i * 41) % (v - 1);
            mask[i] = i % 9 == 4 ? 0 : 1;
        }
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray products = Nd4j.randn(type, rows, v).muli(3);
            INDArray bias = Nd4j.randn(type, 1, v);
            INDArray expected = Nd4j.create(type, rows, v);
            double expectedLoss = SoftmaxCrossEntropy.lossAndGradient(products.addRowVector(bias), expected, labels,
                    mask, smoothing);
            INDArray actual = Nd4j.create(type, rows, v);
            assertEquals(expectedLoss, SoftmaxCrossEntropy.lossAndGradient(products, bias, actual, labels, mask,
                    smoothing), 0.0, type + " loss");
            assertEquals(expected, actual, type + " gradient");
            for (int threads = 2; threads <= 4; threads++) {
                INDArray more = Nd4j.create(type, rows, v);
                try (RangeExecutor executor = RangeExecutor.create(threads, "test")) {
                    assertEquals(expectedLoss, executor.call(() -> SoftmaxCrossEntropy.lossAndGradient(products, bias,
                            more, labels, mask, smoothing)), 0.0, type + " loss on " + threads + " threads");
                }
                assertEquals(expected, more, type + " gradient on " + threads + " threads");
            }
        }
    }

    @Test
    void labelsOutsideTheVocabularyAreRefusedOnRealRowsOnly() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxCrossEntropy.loss(logits(), probabilities(), new int[] {2, 0, 3}, null));
        assertEquals("label 3 at row 2 is outside the vocabulary of 3", e.getMessage());
        SoftmaxCrossEntropy.loss(logits(), probabilities(), new int[] {2, 7, 1}, new double[] {1, 0, 1});
    }
}
