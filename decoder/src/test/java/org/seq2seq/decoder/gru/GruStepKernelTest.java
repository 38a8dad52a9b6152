package org.seq2seq.decoder.gru;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.corpora.JsonArrays;
import org.seq2seq.nn.NativeFloats;
import org.seq2seq.nn.VectorMath;

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

    @Test
    void aFloatForwardPassKeepsWhatTheDoublePassKeepsToFloatPrecision() {
        int batch = 5;
        int steps = 7;
        int e = 6;
        int h = 9;
        Nd4j.getRandom().setSeed(11);
        GruWeights w = new GruWeights(Nd4j.randn(DataType.DOUBLE, e, 3L * h).muli(0.5),
                Nd4j.randn(DataType.DOUBLE, h, 3L * h).muli(0.5), Nd4j.randn(DataType.DOUBLE, 1, 3L * h),
                Nd4j.randn(DataType.DOUBLE, 1, 3L * h));
        INDArray x = Nd4j.randn(DataType.DOUBLE, (long) steps * batch, e);
        INDArray h0 = Nd4j.randn(DataType.DOUBLE, batch, h).muli(0.5);
        INDArray extra = Nd4j.randn(DataType.DOUBLE, batch, 3L * h);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, batch, steps);
        mask.putScalar(1, 6, 0);                                       // lengths 7, 6, 4, 7, 7
        mask.putScalar(1, 5, 0);
        mask.putScalar(2, 4, 0);
        mask.putScalar(2, 5, 0);
        mask.putScalar(2, 6, 0);
        GruWeights f = new GruWeights(w.wx().castTo(DataType.FLOAT), w.wh().castTo(DataType.FLOAT),
                w.bx().castTo(DataType.FLOAT), w.bh().castTo(DataType.FLOAT));

        GruCell.Trace exact = GruCell.forward(w, x, h0, mask, extra, null);
        GruCell.Trace floats = GruCell.forward(f, x.castTo(DataType.FLOAT), h0.castTo(DataType.FLOAT),
                mask.castTo(DataType.FLOAT), extra.castTo(DataType.FLOAT), null);

        assertClose(exact.states(), floats.states(), "states");
        assertClose(exact.rz(), floats.rz(), "r and z");
        assertClose(exact.n(), floats.n(), "n");
        assertClose(exact.hn(), floats.hn(), "hn");
        assertEquals(exact.states().getDouble(4L * batch + 2, 3), exact.states().getDouble(7L * batch + 2, 3), 0,
                "a masked step keeps the state");
        assertEquals(floats.states().getDouble(4L * batch + 2, 3), floats.states().getDouble(7L * batch + 2, 3), 0,
                "a masked step keeps the state");
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
        GruWeights w = new GruWeights(Nd4j.randn(DataType.FLOAT, e, 3L * h).muli(0.3),
                Nd4j.randn(DataType.FLOAT, h, 3L * h).muli(0.3), Nd4j.randn(DataType.FLOAT, 1, 3L * h),
                Nd4j.randn(DataType.FLOAT, 1, 3L * h));
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
