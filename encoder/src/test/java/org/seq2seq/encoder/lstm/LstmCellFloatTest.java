package org.seq2seq.encoder.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.nn.Gemm;
import org.seq2seq.nn.runtime.RangeExecutor;

/**
 * A forward pass in float (whose gate arithmetic runs in Java) keeps what the double pass (ND4J's
 * ops, the one the gradient checks and the PyTorch vectors prove) keeps, to float precision, and
 * a backward pass in float gives the double pass's gradients.
 */
class LstmCellFloatTest {
    private static final int BATCH = 4;
    /** Rows of the thread-count test: parts of 16 rows, the last of 9, on up to 4 threads. */
    private static final int WIDE = 57;
    private static final int STEPS = 6;

    /**
     * Four sequences of lengths 5, 6, 3, 6: E 5, H 7, random initial state and cell, with or
     * without a recurrent dropout mask.
     */
    private record Pass(LstmWeights w, INDArray x, INDArray h0, INDArray c0, INDArray mask, INDArray dropMask) {
        static Pass random(boolean recurrentDropout) {
            return random(recurrentDropout, false);
        }

        static Pass random(boolean recurrentDropout, boolean layerNorm) {
            return random(recurrentDropout, layerNorm, BATCH);
        }

        static Pass random(boolean recurrentDropout, boolean layerNorm, int batch) {
            int e = 5;
            int h = 7;
            Nd4j.getRandom().setSeed(5);
            LstmWeights w = new LstmWeights(Nd4j.randn(DataType.DOUBLE, e, 4L * h).muli(0.5),
                    Nd4j.randn(DataType.DOUBLE, h, 4L * h).muli(0.5), Nd4j.randn(DataType.DOUBLE, 1, 4L * h));
            if (layerNorm) {
                w = new LstmWeights(w.wx(), w.wh(), w.b(), Nd4j.randn(DataType.DOUBLE, 1, 4L * h).muli(0.3).addi(1),
                        Nd4j.randn(DataType.DOUBLE, 1, 4L * h).muli(0.3).addi(1));
            }
            INDArray mask = Nd4j.ones(DataType.DOUBLE, batch, STEPS);
            for (int t = 3; t < STEPS; t++) {
                mask.putScalar(2, t, 0);
            }
            mask.putScalar(0, 5, 0);
            INDArray dropMask = recurrentDropout
                    ? Nd4j.rand(DataType.DOUBLE, batch, h).gt(0.3).castTo(DataType.DOUBLE).divi(0.7) : null;
            return new Pass(w, Nd4j.randn(DataType.DOUBLE, (long) STEPS * batch, e),
                    Nd4j.randn(DataType.DOUBLE, batch, h).muli(0.5), Nd4j.randn(DataType.DOUBLE, batch, h), mask,
                    dropMask);
        }

        Pass floats() {
            return new Pass(new LstmWeights(w.wx().castTo(DataType.FLOAT), w.wh().castTo(DataType.FLOAT),
                    w.b().castTo(DataType.FLOAT), w.gainX() == null ? null : w.gainX().castTo(DataType.FLOAT),
                    w.gainH() == null ? null : w.gainH().castTo(DataType.FLOAT)), x.castTo(DataType.FLOAT), h0.castTo(DataType.FLOAT),
                    c0.castTo(DataType.FLOAT), mask.castTo(DataType.FLOAT),
                    dropMask == null ? null : dropMask.castTo(DataType.FLOAT));
        }

        LstmCell.Trace forward(boolean reverse) {
            return LstmCell.forward(w, x, h0, c0, (int) h0.size(0), mask, reverse, dropMask, null);
        }

        /** dWx, dWh, db, dx, dh0 and dc0 (and the gains' gradients, if any) for the given gradients of the outputs. */
        List<INDArray> gradients(INDArray dOut, boolean reverse) {
            DataType type = x.dataType();
            int h = w.hiddenSize();
            INDArray dWx = Nd4j.create(type, w.inputSize(), 4L * h);
            INDArray dWh = Nd4j.create(type, h, 4L * h);
            INDArray db = Nd4j.create(type, 1, 4L * h);
            INDArray dgx = Nd4j.create(type, 1, 4L * h);
            INDArray dgh = Nd4j.create(type, 1, 4L * h);
            LstmCell.InputGradients in = LstmCell.backward(w, forward(reverse), dOut.castTo(type), dWx, dWh, db, dgx,
                    dgh);
            return w.layerNormalized() ? List.of(dWx, dWh, db, in.dx(), in.dh0(), in.dc0(), dgx, dgh)
                    : List.of(dWx, dWh, db, in.dx(), in.dh0(), in.dc0());
        }
    }

    @ParameterizedTest(name = "reverse {0}, recurrent dropout {1}, layer normalization {2}")
    @CsvSource({"false, false, false", "true, false, false", "false, true, false", "true, true, false",
            "false, false, true", "true, true, true"})
    void aFloatForwardPassKeepsWhatTheDoublePassKeeps(boolean reverse, boolean recurrentDropout, boolean layerNorm) {
        Pass pass = Pass.random(recurrentDropout, layerNorm);

        LstmCell.Trace exact = pass.forward(reverse);
        LstmCell.Trace floats = pass.floats().forward(reverse);

        assertClose(exact.gates(), floats.gates(), "gates");
        assertClose(exact.states(), floats.states(), "states");
        assertClose(exact.cells(), floats.cells(), "cells");
        assertClose(exact.tanhC(), floats.tanhC(), "tanh(c)");
        if (!reverse) {                                                 // row 2 keeps h_3 over steps 3..5
            assertEquals(floats.states().getDouble(3L * BATCH + 2, 1), floats.states().getDouble(6L * BATCH + 2, 1), 0);
            assertEquals(floats.cells().getDouble(3L * BATCH + 2, 1), floats.cells().getDouble(6L * BATCH + 2, 1), 0);
        }
    }

    @ParameterizedTest(name = "reverse {0}, recurrent dropout {1}, layer normalization {2}")
    @CsvSource({"false, false, false", "true, false, false", "false, true, false", "true, true, false",
            "false, false, true", "true, true, true"})
    void aFloatBackwardPassGivesTheDoublePassGradientsToFloatPrecision(boolean reverse, boolean recurrentDropout,
                                                                        boolean layerNorm) {
        Pass pass = Pass.random(recurrentDropout, layerNorm);
        INDArray dOut = Nd4j.randn(DataType.DOUBLE, (long) STEPS * BATCH, pass.w().hiddenSize());

        List<INDArray> exact = pass.gradients(dOut, reverse);
        List<INDArray> floats = pass.floats().gradients(dOut, reverse);

        List<String> names = List.of("dWx", "dWh", "db", "dx", "dh0", "dc0", "d(gain x)", "d(gain h)")
                .subList(0, exact.size());
        for (int i = 0; i < names.size(); i++) {
            double scale = exact.get(i).amaxNumber().doubleValue();
            double worst = exact.get(i).sub(floats.get(i).castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
            assertTrue(scale > 0.1 && worst < 2e-6 * scale,
                    names.get(i) + ": largest difference " + worst + " of values up to " + scale);
        }
        assertEquals(0, floats.get(3).getRow(5L * BATCH + 2).amaxNumber().doubleValue(), 0, "a masked step's dx");
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double worst = expected.sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(worst < 2e-6, what + ": largest difference " + worst);
    }

    @ParameterizedTest(name = "reverse {0}, recurrent dropout {1}, layer normalization {2}")
    @CsvSource({"false, false, false", "true, false, false", "false, true, false", "true, true, true"})
    void onMoreThreadsTheFloatPassesAreExactlyThePassesOnOne(boolean reverse, boolean recurrentDropout,
                                                            boolean layerNorm) {
        Pass floats = Pass.random(recurrentDropout, layerNorm, WIDE).floats();
        INDArray dOut = Nd4j.randn(DataType.DOUBLE, (long) STEPS * WIDE, floats.w().hiddenSize());
        LstmCell.Trace one = floats.forward(reverse);
        List<INDArray> oneGradients = floats.gradients(dOut, reverse);
        for (int threads = 2; threads <= 4; threads++) {
            try (RangeExecutor executor = RangeExecutor.create(threads, "test")) {
                assertEquals(layerNorm ? 1 : threads, executor.parts(WIDE, layerNorm ? WIDE : 1, Gemm.ALIGN));
                LstmCell.Trace two = executor.call(() -> floats.forward(reverse));
                List<INDArray> twoGradients = executor.call(() -> floats.gradients(dOut, reverse));
                assertIdentical(one, two, oneGradients, twoGradients, threads + " threads");
            }
        }
    }

    private static void assertIdentical(LstmCell.Trace one, LstmCell.Trace two, List<INDArray> oneGradients,
                                   List<INDArray> twoGradients, String what) {
        assertEquals(one.gates(), two.gates(), what);
        assertEquals(one.states(), two.states(), what);
        assertEquals(one.cells(), two.cells(), what);
        assertEquals(one.tanhC(), two.tanhC(), what);
        for (int i = 0; i < oneGradients.size(); i++) {
            assertEquals(oneGradients.get(i), twoGradients.get(i), what + ", gradient " + i);
        }
    }
}
