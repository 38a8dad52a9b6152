package org.seq2seq.encoder.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.corpora.DoublePrecision;
import org.seq2seq.corpora.JsonArrays;
import org.seq2seq.nn.Arena;

/**
 * The LSTM computes PyTorch's {@code nn.LSTM}, both directions with packed (padded) sequences:
 * outputs at real steps, the loss and every gradient in {@code vectors/lstm-vectors.json}
 * (written by {@code encoder/scripts/lstm_vectors.py}) agree to 1e-9 in double precision.
 */
@ExtendWith(DoublePrecision.class)
class LstmCellPyTorchTest {
    private static final double TOLERANCE = 1e-9;
    static final String VECTORS = "/vectors/lstm-vectors.json";

    static List<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        JsonNode all;
        try (var in = LstmCellPyTorchTest.class.getResourceAsStream(VECTORS)) {
            all = new ObjectMapper().readTree(in).get("cases");
        }
        for (int i = 0; i < all.size(); i++) {
            JsonNode c = all.get(i);
            cases.add(Arguments.of(i, c, true));
            boolean full = true;
            for (JsonNode n : c.get("lengths")) {
                full &= n.asInt() == c.get("T").asInt();
            }
            if (full) {
                cases.add(Arguments.of(i, c, false));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "case {0}, with mask: {2}")
    @MethodSource("cases")
    void matchesPyTorch(int index, JsonNode c, boolean useMask) {
        int e = c.get("E").asInt();
        int h = c.get("H").asInt();
        int steps = c.get("T").asInt();
        int batch = c.get("B").asInt();
        int[] lengths = JsonArrays.ints(c.get("lengths"));
        boolean bidirectional = c.get("bidirectional").asBoolean();
        int directions = bidirectional ? 2 : 1;

        INDArray x = JsonArrays.timeMajor(c.get("x"), steps, batch, e);
        INDArray mask = Nd4j.create(DataType.DOUBLE, batch, steps);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                mask.putScalar(b, t, 1.0);
            }
        }
        INDArray expectedOut = JsonArrays.timeMajor(c.get("out"), steps, batch, directions * h);
        INDArray lossWeights = JsonArrays.timeMajor(c.get("loss_weights"), steps, batch, directions * h);
        INDArray dxTotal = Nd4j.create(DataType.DOUBLE, (long) steps * batch, e);
        double loss = 0;
        for (int d = 0; d < directions; d++) {
            JsonNode p = c.get(d == 0 ? "forward" : "backward");
            LstmWeights w = new LstmWeights(pyTorchToOurs(JsonArrays.matrix(p.get("weight_ih"))).dup('f'),
                    pyTorchToOurs(JsonArrays.matrix(p.get("weight_hh"))).dup('f'),
                    pyTorchToOurs(JsonArrays.row(p.get("bias_ih")).add(JsonArrays.row(p.get("bias_hh")))));
            INDArray h0 = JsonArrays.matrix(c.get("h0").get(d));
            INDArray c0 = JsonArrays.matrix(c.get("c0").get(d));
            LstmCell.Trace trace = LstmCell.forward(w, x, h0, c0, batch, useMask ? mask : null, d == 1, new Arena());

            INDArray columns = expectedOut.get(all(), interval((long) d * h, (long) (d + 1) * h));
            INDArray dOut = lossWeights.get(all(), interval((long) d * h, (long) (d + 1) * h)).dup('c');
            for (int t = 0; t < steps; t++) {
                for (int b = 0; b < batch; b++) {
                    long r = (long) t * batch + b;
                    if (t >= lengths[b]) {
                        continue;
                    }
                    for (int j = 0; j < h; j++) {
                        assertEquals(columns.getDouble(r, j), trace.outputs().getDouble(r, j), TOLERANCE,
                                "direction " + d + " output t=" + t + " b=" + b + " j=" + j);
                        loss += trace.outputs().getDouble(r, j) * dOut.getDouble(r, j);
                    }
                }
            }
            INDArray dWx = Nd4j.create(DataType.DOUBLE, e, 4L * h);
            INDArray dWh = Nd4j.create(DataType.DOUBLE, h, 4L * h);
            INDArray db = Nd4j.create(DataType.DOUBLE, 1, 4L * h);
            LstmCell.InputGradients g = LstmCell.backward(w, trace, dOut, dWx, dWh, db);
            dxTotal.addi(g.dx());
            assertClose(JsonArrays.matrix(c.get("grad_h0").get(d)), g.dh0(), "grad_h0, direction " + d);
            assertClose(JsonArrays.matrix(c.get("grad_c0").get(d)), g.dc0(), "grad_c0, direction " + d);
            assertClose(pyTorchToOurs(JsonArrays.matrix(p.get("grad_weight_ih"))), dWx, "grad_weight_ih, direction " + d);
            assertClose(pyTorchToOurs(JsonArrays.matrix(p.get("grad_weight_hh"))), dWh, "grad_weight_hh, direction " + d);
            assertClose(pyTorchToOurs(JsonArrays.row(p.get("grad_bias_ih"))), db, "grad_bias_ih, direction " + d);
            assertClose(pyTorchToOurs(JsonArrays.row(p.get("grad_bias_hh"))), db, "grad_bias_hh, direction " + d);
        }
        assertEquals(c.get("loss").asDouble(), loss, TOLERANCE, "loss");
        assertClose(JsonArrays.timeMajor(c.get("grad_x"), steps, batch, e), dxTotal, "grad_x");
    }

    /**
     * PyTorch's {@code [4H, K]} (rows i, f, g, o) or {@code [1, 4H]} bias as our {@code [K, 4H]}
     * (columns i, f, o, g) or {@code [1, 4H]}.
     */
    static INDArray pyTorchToOurs(INDArray pyTorch) {
        INDArray m = pyTorch.rows() == 1 ? pyTorch : pyTorch.transpose();   // [K, 4H]
        long h = m.size(1) / 4;
        INDArray out = m.dup('c');
        out.get(all(), interval(2 * h, 3 * h)).assign(m.get(all(), interval(3 * h, 4 * h)));   // o
        out.get(all(), interval(3 * h, 4 * h)).assign(m.get(all(), interval(2 * h, 3 * h)));   // g
        return out;
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        JsonArrays.assertClose(expected, actual, TOLERANCE, what);
    }
}
