package org.seq2seq.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InputDropoutTest {
    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    private static INDArray draw(InputDropout dropout, INDArray inputs, long seed, int iteration) {
        Nd4j.getRandom().setSeed(seed);
        dropout.reset();
        return dropout.apply(inputs, true, iteration, NO_WORKSPACES, ArrayType.INPUT).dup();
    }

    @Test
    void dropsAboutPAndScalesTheRestSoThatTheMeanStays() {
        INDArray ones = Nd4j.ones(DataType.FLOAT, 40, 50, 20);
        INDArray out = draw(new InputDropout(0.3, 2), ones, 7, 0);
        double dropped = out.eq(0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertEquals(0.3, dropped, 0.01);
        assertEquals(1 / 0.7, out.maxNumber().doubleValue(), 1e-6);
        assertEquals(1.0, out.meanNumber().doubleValue(), 0.02);
    }

    @Test
    void theMaskIsAFunctionOfTheSeedTheLayerAndTheIterationOnly() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 6, 5);
        InputDropout layer3 = new InputDropout(0.4, 3);
        INDArray first = draw(layer3, x, 11, 4);
        assertEquals(first, draw(new InputDropout(0.4, 3), x, 11, 4), "a new process, the same step: the same mask");
        assertNotEquals(first, draw(new InputDropout(0.4, 5), x, 11, 4), "another layer");
        assertNotEquals(first, draw(layer3, x, 12, 4), "another step's seed");
        assertNotEquals(first, draw(layer3, x, 11, 5), "another iteration");
    }

    @Test
    void oneMaskPerInputAndTheGradientGoesThroughIt() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 3, 2);
        InputDropout dropout = new InputDropout(0.5, 1);
        Nd4j.getRandom().setSeed(3);
        INDArray once = dropout.apply(x, true, 0, NO_WORKSPACES, ArrayType.INPUT);
        assertSame(once, dropout.apply(x, true, 0, NO_WORKSPACES, ArrayType.INPUT), "recomputed passes share it");
        INDArray gradient = dropout.backprop(Nd4j.ones(DataType.DOUBLE, 4, 3, 2));
        assertEquals(once, x.mul(gradient), "the gradient of x·mask is the mask");
        assertTrue(gradient.eq(0).castTo(DataType.INT32).sumNumber().intValue() > 0);

        assertSame(x, dropout.apply(x, false, 0, NO_WORKSPACES, ArrayType.INPUT), "no dropout outside training");
        assertSame(x, new InputDropout(0, 1).apply(x, true, 0, NO_WORKSPACES, ArrayType.INPUT));
        assertThrows(IllegalArgumentException.class, () -> new InputDropout(1, 0));
    }
}
