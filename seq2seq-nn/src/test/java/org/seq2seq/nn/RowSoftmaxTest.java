package org.seq2seq.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.factory.Nd4j;

class RowSoftmaxTest {

    @ParameterizedTest(name = "{0} values, spread {1}")
    @CsvSource({"1, 1", "7, 1", "8000, 1", "8000, 10", "8000, 40", "31, 300"})
    void logProbabilitiesAreTheExactOnesToFloatPrecision(int length, double spread) {
        SplittableRandom random = new SplittableRandom(length * 31L + (long) spread);
        float[] row = new float[length];
        float[] bias = new float[length];
        for (int i = 0; i < length; i++) {
            row[i] = (float) (random.nextGaussian() * spread);
            bias[i] = (float) random.nextGaussian();
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            max = Math.max(max, (double) (row[i] + bias[i]));
        }
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += Math.exp((double) (row[i] + bias[i]) - max);
        }
        double normalizer = max + Math.log(sum);
        float[] expected = new float[length];
        for (int i = 0; i < length; i++) {
            expected[i] = (float) ((double) (row[i] + bias[i]) - normalizer);
        }

        double returned = new RowSoftmax().logSoftmaxInPlace(row, bias);

        assertEquals(normalizer, returned, 2e-7 * Math.max(1, Math.abs(normalizer)));
        double probability = 0;
        for (int i = 0; i < length; i++) {
            assertEquals(expected[i], row[i], 4e-7 * Math.max(1, Math.abs(expected[i])), "value " + i);
            probability += Math.exp(row[i]);
        }
        assertEquals(1, probability, 1e-6);
    }

    @Test
    void isAtLeastAsCloseToTheExactValuesAsNd4jsLogSoftmaxOnADecodingStep() {
        INDArray logits = Nd4j.rand(DataType.FLOAT, 50, 8000).muli(20).subi(10);     // [50, 8000]
        INDArray nd4j = logits.dup();
        Nd4j.exec(new LogSoftMax(nd4j, nd4j));
        RowSoftmax softmax = new RowSoftmax();
        double ours = 0;
        double theirs = 0;
        for (int r = 0; r < 50; r++) {
            float[] row = logits.getRow(r).toFloatVector();
            double[] exact = exactLogSoftmax(row);
            softmax.logSoftmaxInPlace(row, null);
            float[] nd4jRow = nd4j.getRow(r).toFloatVector();
            for (int i = 0; i < row.length; i++) {
                ours = Math.max(ours, Math.abs(row[i] - exact[i]));
                theirs = Math.max(theirs, Math.abs(nd4jRow[i] - exact[i]));
            }
        }
        assertTrue(ours <= theirs && ours < 3e-6, "largest error " + ours + ", ND4J's " + theirs);
    }

    private static double[] exactLogSoftmax(float[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (float x : row) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (float x : row) {
            sum += Math.exp(x - max);
        }
        double[] out = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = row[i] - max - Math.log(sum);
        }
        return out;
    }

    @Test
    void valuesFarBelowTheMaximumKeepExactLogProbabilities() {
        float[] row = {0f, -1000f, -50f, 3f};
        double normalizer = new RowSoftmax().logSoftmaxInPlace(row, null);
        double exact = 3 + Math.log(1 + Math.exp(-3) + Math.exp(-1003) + Math.exp(-53));
        assertEquals(exact, normalizer, 1e-7);
        assertEquals((float) (-1000 - exact), row[1]);
        assertEquals((float) (-50 - exact), row[2]);
    }

    @Test
    void aRowWithAnInfiniteOrMissingValueGivesNoFiniteProbabilities() {
        assertEquals(Double.POSITIVE_INFINITY, new RowSoftmax().logSumExp(new float[] {1f, Float.POSITIVE_INFINITY}));
        assertTrue(Double.isNaN(new RowSoftmax().logSumExp(new float[] {1f, Float.NaN, 2f})));
    }

    @Test
    void softmaxInPlaceGivesProbabilitiesThatSumToOneAndTheLogNormalizer() {
        float[] row = new float[1001];
        for (int i = 0; i < row.length; i++) {
            row[i] = (float) Math.sin(i * 0.37) * 12f;
        }
        double[] exact = exactLogSoftmax(row);
        double normalizer = new RowSoftmax().logSumExp(row.clone());
        assertEquals(normalizer, new RowSoftmax().softmaxInPlace(row), 1e-12);
        double sum = 0;
        for (int i = 0; i < row.length; i++) {
            assertEquals(Math.exp(exact[i]), row[i], 2e-7 * Math.exp(exact[i]) + 1e-12, "p[" + i + "]");
            sum += row[i];
        }
        assertEquals(1, sum, 1e-6);
        float[] unbounded = {1f, Float.POSITIVE_INFINITY};
        assertEquals(Double.POSITIVE_INFINITY, new RowSoftmax().softmaxInPlace(unbounded));
        assertTrue(Float.isNaN(unbounded[0]) && Float.isNaN(unbounded[1]));
    }

    @Test
    void refusesABiasOfAnotherLength() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new RowSoftmax().logSoftmaxInPlace(new float[3], new float[2]));
        assertEquals("bias has 2 values, the row 3", e.getMessage());
    }
}
