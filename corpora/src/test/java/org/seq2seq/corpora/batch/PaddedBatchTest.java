package org.seq2seq.corpora.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class PaddedBatchTest {
    // pair 0: source 3 tokens, target 2; pair 1: source 1 token, target 4
    private static final List<EncodedPair> PAIRS = List.of(
            new EncodedPair(new int[] {10, 11, 12}, new int[] {20, 21}),
            new EncodedPair(new int[] {13}, new int[] {22, 23, 24, 25}));

    private static double[][] ids(INDArray a) {
        return a.reshape(a.size(0), a.size(2)).toDoubleMatrix();
    }

    @Test
    void tensorsArePaddedAndShifted() {
        MultiDataSet data = PaddedBatch.of(PAIRS).toMultiDataSet(DataType.FLOAT);
        assertEquals(2, data.getFeatures().length);
        assertArrayEquals(new long[] {2, 1, 3}, data.getFeatures(0).shape());
        assertArrayEquals(new long[] {2, 1, 5}, data.getFeatures(1).shape());
        assertArrayEquals(new long[] {2, 1, 5}, data.getLabels(0).shape());
        assertArrayEquals(new long[] {2, 3}, data.getFeaturesMaskArray(0).shape());
        assertArrayEquals(new long[] {2, 5}, data.getFeaturesMaskArray(1).shape());
        assertArrayEquals(new long[] {2, 5}, data.getLabelsMaskArray(0).shape());
        assertEquals(DataType.FLOAT, data.getFeatures(0).dataType());

        assertArrayEquals(new double[][] {{10, 11, 12}, {13, 0, 0}}, ids(data.getFeatures(0)));
        assertArrayEquals(new double[][] {{1, 1, 1}, {1, 0, 0}}, data.getFeaturesMaskArray(0).toDoubleMatrix());
        // decoder input: START y1 … yn, then PAD
        assertArrayEquals(new double[][] {{2, 20, 21, 0, 0}, {2, 22, 23, 24, 25}}, ids(data.getFeatures(1)));
        // labels: y1 … yn END, then PAD
        assertArrayEquals(new double[][] {{20, 21, 3, 0, 0}, {22, 23, 24, 25, 3}}, ids(data.getLabels(0)));
        double[][] targetMask = {{1, 1, 1, 0, 0}, {1, 1, 1, 1, 1}};
        assertArrayEquals(targetMask, data.getFeaturesMaskArray(1).toDoubleMatrix());
        assertArrayEquals(targetMask, data.getLabelsMaskArray(0).toDoubleMatrix());
    }

    @Test
    void doublePrecisionForGradientChecks() {
        MultiDataSet data = PaddedBatch.of(PAIRS).toMultiDataSet(DataType.DOUBLE);
        for (INDArray a : List.of(data.getFeatures(0), data.getFeatures(1), data.getLabels(0),
                data.getFeaturesMaskArray(0), data.getFeaturesMaskArray(1), data.getLabelsMaskArray(0))) {
            assertEquals(DataType.DOUBLE, a.dataType());
        }
    }

    @Test
    void countsRealAndPaddedPositions() {
        PaddedBatch batch = PaddedBatch.of(PAIRS);
        assertEquals(4, batch.realSourceTokens());
        assertEquals(3 + 5, batch.realTargetSteps());
        assertEquals(2 * 3 + 2 * 5, batch.paddedPositions());
        assertEquals(12, batch.realPositions());
        assertEquals(2, batch.decoderInputId(0, 0));
        assertEquals(3, batch.labelId(0, 2));
        assertEquals(false, batch.isTargetStep(0, 3));
    }

    @Test
    void anEmptyBatchIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PaddedBatch.of(List.of()));
    }
}
