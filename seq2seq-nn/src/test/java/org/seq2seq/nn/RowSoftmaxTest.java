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

    @ParameterizedTest(name = "{0}")
    @CsvSource({"no tie", "a tie", "a near tie"})
    void theArgmaxVariantWritesTheSameValuesAndFindsTheFirstLargest(String kind) {
        SplittableRandom random = new SplittableRandom(kind.hashCode());
        for (int trial = 0; trial < 20; trial++) {
            float[] row = new float[8000];
            float[] bias = new float[row.length];
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) (random.nextGaussian() * 5);
                bias[i] = (float) random.nextGaussian();
            }
            int top = 0;
            for (int i = 1; i < row.length; i++) {
                top = row[i] + bias[i] > row[top] + bias[top] ? i : top;
            }
            int earlier = random.nextInt(Math.max(1, top));
            if (!kind.equals("no tie") && earlier != top) {      // an earlier value equal to the largest, or 1 ulp below
                bias[earlier] = 0;
                row[earlier] = kind.equals("a tie") ? row[top] + bias[top] : Math.nextDown(row[top] + bias[top]);
            }
            float[] expected = row.clone();
            new RowSoftmax().logSoftmaxInPlace(expected, bias);
            int first = 0;
            for (int i = 1; i < expected.length; i++) {
                first = expected[i] > expected[first] ? i : first;
            }

            int argmax = new RowSoftmax().logSoftmaxInPlaceArgmax(row, bias);

            assertEquals(first, argmax, "trial " + trial);
            assertTrue(java.util.Arrays.equals(expected, row), "trial " + trial + ": the same log-probabilities");
            if (kind.equals("a tie") && earlier != top) {
                assertEquals(earlier, argmax, "trial " + trial + ": the first of two equal values");
            }
        }
    }

    @Test
    void theArgmaxVariantGivesZeroWithoutAFiniteMaximumAndPassesOverANanAsASearchDoes() {
        float[] nan = {Float.NaN, 1f, 2f};
        float[] infinite = {1f, Float.POSITIVE_INFINITY, 2f};
        assertEquals(0, new RowSoftmax().logSoftmaxInPlaceArgmax(nan, null));
        assertEquals(0, new RowSoftmax().logSoftmaxInPlaceArgmax(infinite, null));
        assertTrue(Float.isNaN(nan[2]) && Float.isNaN(infinite[1]));
        assertEquals(2, new RowSoftmax().logSoftmaxInPlaceArgmax(new float[] {1f, 2f, 3f}, null));
        float[] nanInside = {1f, 5f, Float.NaN, 2f};                  // the index a search over the row finds
        float[] searched = nanInside.clone();
        new RowSoftmax().logSoftmaxInPlace(searched, null);
        int first = 0;
        for (int i = 1; i < searched.length; i++) {
            first = searched[i] > searched[first] ? i : first;
        }
        assertEquals(first, new RowSoftmax().logSoftmaxInPlaceArgmax(nanInside, null));
        assertTrue(java.util.Arrays.equals(searched, nanInside));
    }

    @Test
    void refusesABiasOfAnotherLength() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new RowSoftmax().logSoftmaxInPlace(new float[3], new float[2]));
        assertEquals("bias has 2 values, the row 3", e.getMessage());
    }
}
