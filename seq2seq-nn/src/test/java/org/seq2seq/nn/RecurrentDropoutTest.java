package org.seq2seq.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RecurrentDropoutTest {

    private static INDArray draw(RecurrentDropout dropout, long seed, int iteration) {
        Nd4j.getRandom().setSeed(seed);
        dropout.reset();
        return dropout.mask(8, 12, DataType.FLOAT, true, iteration);
    }

    @Test
    void dropsAboutPAndScalesTheRest() {
        INDArray mask = new RecurrentDropout(0.25, 1).mask(200, 300, DataType.FLOAT, true, 0);
        assertEquals(0.25, mask.eq(0).castTo(DataType.DOUBLE).meanNumber().doubleValue(), 0.01);
        assertEquals(1 / 0.75, mask.maxNumber().doubleValue(), 1e-6);
        assertEquals(1.0, mask.meanNumber().doubleValue(), 0.02);
    }

    @Test
    void oneMaskPerInputAFunctionOfTheSeedTheLayerAndTheIterationOnly() {
        RecurrentDropout layer3 = new RecurrentDropout(0.4, 3);
        INDArray first = draw(layer3, 11, 4);
        assertSame(first, layer3.mask(8, 12, DataType.FLOAT, true, 4), "recomputed passes share it");
        assertEquals(first, draw(new RecurrentDropout(0.4, 3), 11, 4), "a new process, the same step: the same mask");
        assertNotEquals(first, draw(new RecurrentDropout(0.4, 5), 11, 4), "another layer");
        assertNotEquals(first, draw(layer3, 12, 4), "another step's seed");
        assertNotEquals(first, draw(layer3, 11, 5), "another iteration");

        Nd4j.getRandom().setSeed(11);
        INDArray inputMask = new InputDropout(0.4, 3).apply(Nd4j.ones(DataType.FLOAT, 8, 12), true, 4,
                LayerWorkspaceMgr.noWorkspaces(), ArrayType.INPUT);
        assertNotEquals(first, inputMask, "the same layer's input dropout draws another mask");
    }

    @Test
    void noMaskOutsideTrainingOrWithoutDropout() {
        assertNull(new RecurrentDropout(0.3, 0).mask(2, 3, DataType.FLOAT, false, 0));
        assertNull(new RecurrentDropout(0, 0).mask(2, 3, DataType.FLOAT, true, 0));
        assertThrows(IllegalArgumentException.class, () -> new RecurrentDropout(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RecurrentDropout(-0.1, 0));
    }
}
