package org.seq2seq.encoder.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A forward pass in float (whose gate arithmetic runs in Java) keeps what the double pass (ND4J's
 * ops, the one the gradient checks and the PyTorch vectors prove) keeps, to float precision, and
 * a backward pass in float gives the double pass's gradients.
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

    @ParameterizedTest(name = "reverse {0}")
    @ValueSource(booleans = {false, true})
    void aFloatBackwardPassGivesTheDoublePassGradientsToFloatPrecision(boolean reverse) {
        int batch = 4;
        int steps = 6;
        int e = 5;
        int h = 7;
        Nd4j.getRandom().setSeed(7);
        LstmWeights w = new LstmWeights(Nd4j.randn(DataType.DOUBLE, e, 4L * h).muli(0.5),
                Nd4j.randn(DataType.DOUBLE, h, 4L * h).muli(0.5), Nd4j.randn(DataType.DOUBLE, 1, 4L * h));
        INDArray x = Nd4j.randn(DataType.DOUBLE, (long) steps * batch, e);
        INDArray h0 = Nd4j.randn(DataType.DOUBLE, batch, h).muli(0.5);
        INDArray c0 = Nd4j.randn(DataType.DOUBLE, batch, h);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, batch, steps);
        for (int t = 3; t < steps; t++) {
            mask.putScalar(2, t, 0);                                    // row 2 has 3 real steps
        }
        mask.putScalar(0, 5, 0);                                        // row 0 has 5
        INDArray dOut = Nd4j.randn(DataType.DOUBLE, (long) steps * batch, h);

        List<INDArray> exact = gradients(w, x, h0, c0, mask, dOut, reverse);
        List<INDArray> floats = gradients(new LstmWeights(w.wx().castTo(DataType.FLOAT),
                w.wh().castTo(DataType.FLOAT), w.b().castTo(DataType.FLOAT)), x.castTo(DataType.FLOAT),
                h0.castTo(DataType.FLOAT), c0.castTo(DataType.FLOAT), mask.castTo(DataType.FLOAT),
                dOut.castTo(DataType.FLOAT), reverse);

        List<String> names = List.of("dWx", "dWh", "db", "dx", "dh0", "dc0");
        for (int i = 0; i < names.size(); i++) {
            double scale = exact.get(i).amaxNumber().doubleValue();
            double worst = exact.get(i).sub(floats.get(i).castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
            assertTrue(scale > 0.1 && worst < 2e-6 * scale,
                    names.get(i) + ": largest difference " + worst + " of values up to " + scale);
        }
        assertEquals(0, floats.get(3).getRow(5L * batch + 2).amaxNumber().doubleValue(), 0, "a masked step's dx");
    }

    /** dWx, dWh, db, dx, dh0 and dc0 of a forward and backward pass in the weights' data type. */
    private static List<INDArray> gradients(LstmWeights w, INDArray x, INDArray h0, INDArray c0, INDArray mask,
                                            INDArray dOut, boolean reverse) {
        DataType type = x.dataType();
        int h = w.hiddenSize();
        LstmCell.Trace trace = LstmCell.forward(w, x, h0, c0, (int) h0.size(0), mask, reverse, null);
        INDArray dWx = Nd4j.create(type, w.inputSize(), 4L * h);
        INDArray dWh = Nd4j.create(type, h, 4L * h);
        INDArray db = Nd4j.create(type, 1, 4L * h);
        LstmCell.InputGradients in = LstmCell.backward(w, trace, dOut, dWx, dWh, db);
        return List.of(dWx, dWh, db, in.dx(), in.dh0(), in.dc0());
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double worst = expected.sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(worst < 2e-6, what + ": largest difference " + worst);
    }
}
