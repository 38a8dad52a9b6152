package org.seq2seq.decoder.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
        assertEquals(0, p.getDouble(0, 2));
        assertEquals(500, loss, 1e-9);
    }

    @Test
    void labelsOutsideTheVocabularyAreRefusedOnRealRowsOnly() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxCrossEntropy.loss(logits(), probabilities(), new int[] {2, 0, 3}, null));
        assertEquals("label 3 at row 2 is outside the vocabulary of 3", e.getMessage());
        SoftmaxCrossEntropy.loss(logits(), probabilities(), new int[] {2, 7, 1}, new double[] {1, 0, 1});
    }
}
