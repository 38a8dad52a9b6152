package org.seq2seq.encoder.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A forward pass in float (whose gate arithmetic runs in Java) keeps what the double pass (ND4J's
 * ops, the one the gradient checks and the PyTorch vectors prove) keeps, to float precision.
 */
class LstmCellFloatTest {

    @ParameterizedTest(name = "reverse {0}")
    @ValueSource(booleans = {false, true})
    void aFloatForwardPassKeepsWhatTheDoublePassKeeps(boolean reverse) {
        int batch = 4;
        int steps = 6;
        int e = 5;
        int h = 7;
        Nd4j.getRandom().setSeed(5);
        LstmWeights w = new LstmWeights(Nd4j.randn(DataType.DOUBLE, e, 4L * h).muli(0.5),
                Nd4j.randn(DataType.DOUBLE, h, 4L * h).muli(0.5), Nd4j.randn(DataType.DOUBLE, 1, 4L * h));
        INDArray x = Nd4j.randn(DataType.DOUBLE, (long) steps * batch, e);
        INDArray h0 = Nd4j.randn(DataType.DOUBLE, batch, h).muli(0.5);
        INDArray c0 = Nd4j.randn(DataType.DOUBLE, batch, h);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, batch, steps);
        for (int t = 3; t < steps; t++) {
            mask.putScalar(2, t, 0);                                    // row 2 has 3 real steps
        }
        LstmWeights f = new LstmWeights(w.wx().castTo(DataType.FLOAT), w.wh().castTo(DataType.FLOAT),
                w.b().castTo(DataType.FLOAT));

        LstmCell.Trace exact = LstmCell.forward(w, x, h0, c0, batch, mask, reverse, null);
        LstmCell.Trace floats = LstmCell.forward(f, x.castTo(DataType.FLOAT), h0.castTo(DataType.FLOAT),
                c0.castTo(DataType.FLOAT), batch, mask.castTo(DataType.FLOAT), reverse, null);

        assertClose(exact.gates(), floats.gates(), "gates");
        assertClose(exact.states(), floats.states(), "states");
        assertClose(exact.cells(), floats.cells(), "cells");
        assertClose(exact.tanhC(), floats.tanhC(), "tanh(c)");
        if (!reverse) {                                                 // row 2 keeps h_3 over steps 3..5
            assertEquals(floats.states().getDouble(3L * batch + 2, 1), floats.states().getDouble(6L * batch + 2, 1), 0);
            assertEquals(floats.cells().getDouble(3L * batch + 2, 1), floats.cells().getDouble(6L * batch + 2, 1), 0);
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double worst = expected.sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(worst < 2e-6, what + ": largest difference " + worst);
    }
}
