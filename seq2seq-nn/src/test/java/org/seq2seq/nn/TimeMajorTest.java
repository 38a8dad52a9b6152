package org.seq2seq.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.TimeSeriesUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.nn.runtime.RangeExecutor;

/** Which steps of a time-major batch need the masking arithmetic; time-major rows in DL4J's layout. */
class TimeMajorTest {

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"}, mode = Mode.INCLUDE)
    void onlyStepsWithARowWhoseMaskIsNotOneArePadded(DataType type) {
        var mask = Nd4j.createFromArray(new double[][] {
                {1, 1, 1, 1, 0},
                {1, 1, 0, 0, 0},
                {1, 1, 1, 1, 1}}).castTo(type);

        assertArrayEquals(new boolean[] {false, false, true, true, true}, TimeMajor.paddedSteps(mask, 5));
        assertArrayEquals(new boolean[] {false, false, true}, TimeMajor.paddedSteps(mask, 3));
    }

    @Test
    void withoutAMaskNoStepIsPadded() {
        assertArrayEquals(new boolean[4], TimeMajor.paddedSteps(null, 4));
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"}, mode = Mode.INCLUDE)
    void timeMajorRowsBecomeWhatDl4jsReshapeMakesOfThem(DataType type) {
        int batch = 3;
        int steps = 4;
        int features = 5;
        Nd4j.getRandom().setSeed(3);
        INDArray rows = Nd4j.rand(type, (long) steps * batch, features);             // row t·B + b
        INDArray expected = TimeSeriesUtils.reshape2dTo3d(rows, batch, LayerWorkspaceMgr.noWorkspaces(),
                ArrayType.ACTIVATIONS);
        for (INDArray from : new INDArray[] {rows, rows.dup('f')}) {                 // the Java path, and ND4J's
            INDArray ncw = Nd4j.create(type, batch, features, steps);
            assertSame(ncw, TimeMajor.toNcw(from, ncw));
            assertEquals(expected, ncw);
        }
        assertEquals(rows.getDouble(2L * batch + 1, 4), expected.getDouble(1, 4, 2), 0.0);   // step 2 of sequence 1
        assertThrows(IllegalArgumentException.class, () -> TimeMajor.toNcw(rows, Nd4j.create(type, batch, 4, steps)));
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"}, mode = Mode.INCLUDE)
    void aRangeOfFeaturesGoesToRowsAndBackAsNd4jsPermutedCopiesDo(DataType type) {
        int batch = 3;
        int steps = 4;
        Nd4j.getRandom().setSeed(9);
        INDArray ncw = Nd4j.rand(type, batch, 7, steps);                                  // [B, F, T]
        INDArray expected = ncw.get(all(), interval(2, 5), all()).permute(2, 0, 1).dup('c')
                .reshape('c', (long) steps * batch, 3);
        assertEquals(expected, TimeMajor.fromNcw(ncw, 2, 3));
        INDArray long_ = Nd4j.rand(type, 64, 300, 9);                                   // parts of steps
        INDArray longExpected = long_.get(all(), interval(10, 290), all()).permute(2, 0, 1).dup('c')
                .reshape('c', 9L * 64, 280);
        for (int threads = 1; threads <= 4; threads++) {
            try (RangeExecutor executor = RangeExecutor.create(threads, "test")) {
                assertEquals(Math.min(threads, 9), executor.parts(9, Math.max(1, (1 << 12) / (64 * 280))));
                assertEquals(longExpected, executor.call(() -> TimeMajor.fromNcw(long_, 10, 280)), threads + " threads");
            }
        }
        assertEquals(ncw.permute(2, 0, 1).dup('c').reshape('c', (long) steps * batch, 7), TimeMajor.fromNcw(ncw, 7));
        assertEquals(ncw.getDouble(1, 3, 2), TimeMajor.fromNcw(ncw, 2, 3).getDouble(2L * batch + 1, 1), 0.0);

        INDArray rows = Nd4j.rand(type, (long) steps * batch, 3);
        INDArray target = ncw.dup();
        INDArray byNd4j = ncw.dup();
        byNd4j.get(all(), interval(4, 7), all()).assign(rows.reshape('c', steps, batch, 3).permute(1, 2, 0));
        assertSame(target, TimeMajor.toNcw(rows, target, 4));
        assertEquals(byNd4j, target);                                                  // features 0-3 kept
        assertThrows(IllegalArgumentException.class, () -> TimeMajor.toNcw(rows, target, 5));
        assertThrows(IllegalArgumentException.class, () -> TimeMajor.fromNcw(ncw, 5, 3));
    }
}
