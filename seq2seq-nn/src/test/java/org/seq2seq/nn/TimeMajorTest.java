package org.seq2seq.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Which steps of a time-major batch need the masking arithmetic. */
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
}
