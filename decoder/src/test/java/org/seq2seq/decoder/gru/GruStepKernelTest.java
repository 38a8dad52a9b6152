package org.seq2seq.decoder.gru;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.corpora.JsonArrays;
import org.seq2seq.nn.NativeFloats;
import org.seq2seq.nn.Gemm;
import org.seq2seq.nn.runtime.RangeExecutor;
import org.seq2seq.nn.runtime.VectorMath;

/**
 * The Java step that decoding uses computes PyTorch's {@code nn.GRU} in float precision, and
 * what {@link GruCell} computes for one step, context share included.
 */
class GruStepKernelTest {

    static List<Arguments> cases() throws Exception {
        return GruCellPyTorchTest.cases().stream().filter(a -> !(Boolean) a.get()[2]).toList();
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void stepByStepMatchesPyTorchInFloat(int index, JsonNode c, boolean unused) {
        int e = c.get("E").asInt();
        int h = c.get("H").asInt();
        int steps = c.get("T").asInt();
        int batch = c.get("B").asInt();
        int[] lengths = JsonArrays.ints(c.get("lengths"));
        INDArray wx = JsonArrays.matrix(c.get("weight_ih")).transpose().castTo(DataType.FLOAT);   // [E, 3H]
        INDArray wh = JsonArrays.matrix(c.get("weight_hh")).transpose().castTo(DataType.FLOAT);   // [H, 3H]
        float[] bx = NativeFloats.read(JsonArrays.row(c.get("bias_ih")));
        float[] bh = NativeFloats.read(JsonArrays.row(c.get("bias_hh")));
        INDArray x = JsonArrays.timeMajor(c.get("x"), steps, batch, e).castTo(DataType.FLOAT);    // [T·B, E]
        INDArray expected = JsonArrays.timeMajor(c.get("out"), steps, batch, h);                 // [T·B, H]
        INDArray state = JsonArrays.matrix(c.get("h0")).castTo(DataType.FLOAT);                 // [B, H]
        VectorMath math = new VectorMath();

        for (int t = 0; t < steps; t++) {
            INDArray xt = x.get(interval((long) t * batch, (long) (t + 1) * batch), all());         // [B, E]
            float[] next = GruStepKernel.step(NativeFloats.read(xt.mmul(wx)), null, NativeFloats.read(state.mmul(wh)),
                    NativeFloats.read(state), bx, bh, batch, h, math);
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < h && t < lengths[b]; j++) {
                    assertEquals(expected.getDouble((long) t * batch + b, j), next[b * h + j], 2e-6,
                            "case " + index + ", t=" + t + " b=" + b + " j=" + j);
                }
            }
            state = NativeFloats.create(next, batch, h);
        }
    }

    /**
     * Five sequences of lengths 7, 6, 4, 7, 7: E 6, H 9, with a context share, and with or without
     * a recurrent dropout mask.
     */
    private record Pass(GruWeights w, INDArray x, INDArray h0, INDArray extra, INDArray mask, INDArray dropMask) {
        static final int BATCH = 5;
        /** Rows of the thread-count test: parts of 16 rows, the last of 9, on up to 4 threads. */
        static final int WIDE = 57;
        static final int STEPS = 7;

        static Pass random(boolean recurrentDropout) {
            return random(recurrentDropout, BATCH);
        }

        static Pass random(boolean recurrentDropout, int batch) {
            int e = 6;
            int h = 9;
            Nd4j.getRandom().setSeed(11);
            GruWeights w = randomWeights(DataType.DOUBLE, e, h, 0.5);
            INDArray mask = Nd4j.ones(DataType.DOUBLE, batch, STEPS);
            mask.putScalar(1, 6, 0);
            mask.putScalar(1, 5, 0);
            mask.putScalar(2, 4, 0);
            mask.putScalar(2, 5, 0);
            mask.putScalar(2, 6, 0);
            INDArray dropMask = recurrentDropout
                    ? Nd4j.rand(DataType.DOUBLE, batch, h).gt(0.3).castTo(DataType.DOUBLE).divi(0.7) : null;
            return new Pass(w, Nd4j.randn(DataType.DOUBLE, (long) STEPS * batch, e),
                    Nd4j.randn(DataType.DOUBLE, batch, h).muli(0.5), Nd4j.randn(DataType.DOUBLE, batch, 3L * h), mask,
                    dropMask);
        }

        Pass floats() {
            return new Pass(new GruWeights(w.wx().castTo(DataType.FLOAT), w.wh().castTo(DataType.FLOAT),
                    w.bx().castTo(DataType.FLOAT), w.bh().castTo(DataType.FLOAT)), x.castTo(DataType.FLOAT),
                    h0.castTo(DataType.FLOAT), extra.castTo(DataType.FLOAT), mask.castTo(DataType.FLOAT),
                    dropMask == null ? null : dropMask.castTo(DataType.FLOAT));
        }

        GruCell.Trace forward() {
            return GruCell.forward(w, x, h0, mask, extra, dropMask, null);
        }

        /** dWx, dWh, dbx, dbh, dx, dh0 and d(extra) for the given gradients of the outputs. */
        List<INDArray> backward(GruCell.Trace trace, INDArray dOut, INDArray dLast) {
            DataType type = x.dataType();
            int h = w.hiddenSize();
            INDArray dWx = Nd4j.create(type, w.inputSize(), 3L * h);
            INDArray dWh = Nd4j.create(type, h, 3L * h);
            INDArray dbx = Nd4j.create(type, 1, 3L * h);
            INDArray dbh = Nd4j.create(type, 1, 3L * h);
            GruCell.InputGradients in = GruCell.backward(w, trace, dOut.castTo(type),
                    dLast == null ? null : dLast.castTo(type), dWx, dWh, dbx, dbh);
            return List.of(dWx, dWh, dbx, dbh, in.dx(), in.dh0(), in.dExtraGates());
        }
    }

    @ParameterizedTest(name = "recurrent dropout: {0}")
    @ValueSource(booleans = {false, true})
    void aFloatForwardPassKeepsWhatTheDoublePassKeepsToFloatPrecision(boolean recurrentDropout) {
        int batch = Pass.BATCH;
        Pass pass = Pass.random(recurrentDropout);

        GruCell.Trace exact = pass.forward();
        GruCell.Trace floats = pass.floats().forward();

        assertClose(exact.states(), floats.states(), "states");
        assertClose(exact.rz(), floats.rz(), "r and z");
        assertClose(exact.n(), floats.n(), "n");
        assertClose(exact.hn(), floats.hn(), "hn");
        assertEquals(exact.states().getDouble(4L * batch + 2, 3), exact.states().getDouble(7L * batch + 2, 3), 0,
                "a masked step keeps the state");
        assertEquals(floats.states().getDouble(4L * batch + 2, 3), floats.states().getDouble(7L * batch + 2, 3), 0,
                "a masked step keeps the state");
    }

    @ParameterizedTest(name = "gradient of the last state given: {0}, recurrent dropout: {1}")
    @CsvSource({"false, false", "true, false", "true, true"})
    void aFloatBackwardPassGivesTheDoublePassGradientsToFloatPrecision(boolean withLast, boolean recurrentDropout) {
        Pass pass = Pass.random(recurrentDropout);
        int h = pass.w().hiddenSize();
        INDArray dOut = Nd4j.randn(DataType.DOUBLE, (long) Pass.STEPS * Pass.BATCH, h);
        INDArray dLast = withLast ? Nd4j.randn(DataType.DOUBLE, Pass.BATCH, h) : null;
        Pass floats = pass.floats();

        List<INDArray> exact = pass.backward(pass.forward(), dOut, dLast);
        List<INDArray> actual = floats.backward(floats.forward(), dOut, dLast);

        List<String> names = List.of("dWx", "dWh", "dbx", "dbh", "dx", "dh0", "d(extra)");
        for (int i = 0; i < names.size(); i++) {
            double scale = exact.get(i).amaxNumber().doubleValue();
            double worst = exact.get(i).sub(actual.get(i).castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
            assertTrue(scale > 0.1 && worst < 2e-6 * scale,
                    names.get(i) + ": largest difference " + worst + " of values up to " + scale);
        }
        // row 2 is masked over its last three steps: nothing reaches its x there, all of dL/dh_7 its h_4
        assertEquals(0, actual.get(4).getRow(6L * Pass.BATCH + 2).amaxNumber().doubleValue(), 0);
    }

    @ParameterizedTest(name = "recurrent dropout: {0}")
    @ValueSource(booleans = {false, true})
    void onMoreThreadsTheFloatPassesAreExactlyThePassesOnOne(boolean recurrentDropout) {
        Pass floats = Pass.random(recurrentDropout, Pass.WIDE).floats();
        INDArray dOut = Nd4j.randn(DataType.FLOAT, (long) Pass.STEPS * Pass.WIDE, floats.w().hiddenSize());
        INDArray dLast = Nd4j.randn(DataType.FLOAT, Pass.WIDE, floats.w().hiddenSize());
        GruCell.Trace one = floats.forward();
        List<INDArray> oneGradients = floats.backward(one, dOut, dLast);
        for (int threads = 2; threads <= 4; threads++) {
            try (RangeExecutor executor = RangeExecutor.create(threads, "test")) {
                assertEquals(threads, executor.parts(Pass.WIDE, 1, Gemm.ALIGN));
                GruCell.Trace two = executor.call(floats::forward);
                List<INDArray> twoGradients = executor.call(() -> floats.backward(two, dOut, dLast));
                String what = threads + " threads";
                assertEquals(one.states(), two.states(), what);
                assertEquals(one.rz(), two.rz(), what);
                assertEquals(one.n(), two.n(), what);
                assertEquals(one.hn(), two.hn(), what);
                List<String> names = List.of("dWx", "dWh", "dbx", "dbh", "dx", "dh0", "d(extra)");
                for (int i = 0; i < names.size(); i++) {
                    assertEquals(oneGradients.get(i), twoGradients.get(i), what + ", " + names.get(i));
                }
            }
        }
    }

    @Test
    void aDecodingStepOnMoreThreadsIsExactlyTheStepOnOne() {
        int n = 37;                                                   // parts of 9 or 10 rows on 4 threads
        int h = 9;
        Nd4j.getRandom().setSeed(12);
        float[] gx = NativeFloats.read(Nd4j.randn(DataType.FLOAT, n, 3L * h));
        float[] extra = NativeFloats.read(Nd4j.randn(DataType.FLOAT, n, 3L * h));
        float[] gh = NativeFloats.read(Nd4j.randn(DataType.FLOAT, n, 3L * h));
        float[] state = NativeFloats.read(Nd4j.randn(DataType.FLOAT, n, h));
        float[] bx = NativeFloats.read(Nd4j.randn(DataType.FLOAT, 1, 3L * h));
        float[] bh = NativeFloats.read(Nd4j.randn(DataType.FLOAT, 1, 3L * h));
        for (float[] context : new float[][] {null, extra}) {
            float[] one = GruStepKernel.step(gx, context, gh, state, bx, bh, n, h, new VectorMath());
            for (int threads = 2; threads <= 4; threads++) {
                try (RangeExecutor executor = RangeExecutor.create(threads, "test")) {
                    float[] more = executor.call(() -> GruStepKernel.step(gx, context, gh, state, bx, bh, n, h,
                            new VectorMath()));
                    assertArrayEquals(one, more, threads + " threads");
                }
            }
        }
    }

    /** Normal weights, the matrices scaled by {@code scale}, the biases not. */
    private static GruWeights randomWeights(DataType type, int e, int h, double scale) {
        return new GruWeights(Nd4j.randn(type, e, 3L * h).muli(scale), Nd4j.randn(type, h, 3L * h).muli(scale),
                Nd4j.randn(type, 1, 3L * h), Nd4j.randn(type, 1, 3L * h));
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double worst = expected.sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(worst < 1e-6, what + ": largest difference " + worst);
    }

    @Test
    void oneStepIsGruCellsStepWithTheContextShareAdded() {
        int n = 37;
        int e = 24;
        int h = 40;
        Nd4j.getRandom().setSeed(3);
        GruWeights w = randomWeights(DataType.FLOAT, e, h, 0.3);
        INDArray x = Nd4j.randn(DataType.FLOAT, n, e);
        INDArray state = Nd4j.rand(DataType.FLOAT, n, h).subi(0.5).muli(2);
        INDArray extra = Nd4j.randn(DataType.FLOAT, n, 3L * h);
        for (INDArray gates : new INDArray[] {null, extra}) {
            INDArray expected = GruCell.forward(w, x, state, null, gates, null).last();
            float[] actual = GruStepKernel.step(NativeFloats.read(x.mmul(w.wx())),
                    gates == null ? null : NativeFloats.read(gates), NativeFloats.read(state.mmul(w.wh())),
                    NativeFloats.read(state), NativeFloats.read(w.bx()), NativeFloats.read(w.bh()), n, h, new VectorMath());
            float[] cell = NativeFloats.read(expected);
            double worst = 0;
            for (int i = 0; i < cell.length; i++) {
                worst = Math.max(worst, Math.abs(cell[i] - actual[i]));
            }
            assertTrue(worst < 5e-7, "largest difference " + worst + (gates == null ? "" : ", context share added"));
        }
    }
}
