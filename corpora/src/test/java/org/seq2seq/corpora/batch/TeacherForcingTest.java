package org.seq2seq.corpora.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TeacherForcingTest {

    @Test
    void theWorkedExampleOfTheJavadoc() {
        int[] target = {7, 9, 12};
        assertArrayEquals(new int[] {2, 7, 9, 12}, TeacherForcing.decoderInput(target));
        assertArrayEquals(new int[] {7, 9, 12, 3}, TeacherForcing.labels(target));
        assertEquals(4, TeacherForcing.steps(target.length));
    }

    @Test
    void labelsAreTheInputShiftedByOne() {
        int[] target = {5, 5, 17, 4, 99, 6};
        int[] input = TeacherForcing.decoderInput(target);
        int[] labels = TeacherForcing.labels(target);
        for (int t = 0; t < target.length; t++) {
            assertEquals(input[t + 1], labels[t]);
        }
    }
}
