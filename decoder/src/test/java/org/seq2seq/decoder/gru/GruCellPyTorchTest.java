package org.seq2seq.decoder.gru;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.corpora.DoublePrecision;
import org.seq2seq.corpora.JsonArrays;
import org.seq2seq.corpora.SharedData;

/**
 * The GRU computes PyTorch's {@code nn.GRU}: outputs at real steps and every gradient of the loss
 * in {@code ../shared/models/gru-vectors.json} agree to 1e-9 in double precision.
 */
@ExtendWith(DoublePrecision.class)
class GruCellPyTorchTest {
    private static final double TOLERANCE = 1e-9;
    /** The copy in the test resources (of {@code ../shared/models/gru-vectors.json}). */
    static final String VECTORS = "/vectors/gru-vectors.json";

    static List<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        JsonNode all;
        try (var in = GruCellPyTorchTest.class.getResourceAsStream(VECTORS)) {
            all = new ObjectMapper().readTree(in).get("cases");
        }
        for (int i = 0; i < all.size(); i++) {
            cases.add(Arguments.of(i, all.get(i), false));
            cases.add(Arguments.of(i, all.get(i), true));
        }
        return cases;
    }

    @Test
    void theResourceIsACopyOfTheSharedVectors() throws IOException {
        SharedData.assertCopyOf("models/gru-vectors.json", GruCellPyTorchTest.class, VECTORS);
    }

    @ParameterizedTest(name = "case {0}, mask from lengths: {2}")
    @MethodSource("cases")
    void matchesPyTorch(int index, JsonNode c, boolean useMask) {
        int e = c.get("E").asInt();
        int h = c.get("H").asInt();
        int steps = c.get("T").asInt();
        int batch = c.get("B").asInt();
        int[] lengths = JsonArrays.ints(c.get("lengths"));

        // PyTorch stores weight_ih as [3H, E]; the row-vector convention wants [E, 3H].
        GruWeights w = new GruWeights(JsonArrays.matrix(c.get("weight_ih")).transpose().dup('f'),
                JsonArrays.matrix(c.get("weight_hh")).transpose().dup('f'),
                JsonArrays.row(c.get("bias_ih")), JsonArrays.row(c.get("bias_hh")));
        INDArray x = JsonArrays.timeMajor(c.get("x"), steps, batch, e);
        INDArray h0 = JsonArrays.matrix(c.get("h0"));
        INDArray realSteps = Nd4j.create(DataType.DOUBLE, batch, steps);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                realSteps.putScalar(b, t, 1.0);
            }
        }

        GruCell.Trace trace = GruCell.forward(w, x, h0, useMask ? realSteps : null, null, null);
        INDArray expectedOut = JsonArrays.timeMajor(c.get("out"), steps, batch, h);
        INDArray dOut = JsonArrays.timeMajor(c.get("loss_weights"), steps, batch, h);
        double loss = 0;
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                long row = (long) t * batch + b;
                if (t >= lengths[b]) {
                    dOut.getRow(row).assign(0);   // padded steps are not in the loss
                    continue;
                }
                for (int j = 0; j < h; j++) {
                    assertEquals(expectedOut.getDouble(row, j), trace.outputs().getDouble(row, j), TOLERANCE,
                            "output t=" + t + " b=" + b + " j=" + j);
                    loss += trace.outputs().getDouble(row, j) * dOut.getDouble(row, j);
                }
            }
        }
        assertEquals(c.get("loss").asDouble(), loss, TOLERANCE, "loss");

        INDArray dWx = Nd4j.create(DataType.DOUBLE, e, 3L * h);
        INDArray dWh = Nd4j.create(DataType.DOUBLE, h, 3L * h);
        INDArray dbx = Nd4j.create(DataType.DOUBLE, 1, 3L * h);
        INDArray dbh = Nd4j.create(DataType.DOUBLE, 1, 3L * h);
        GruCell.InputGradients g = GruCell.backward(w, trace, dOut, null, dWx, dWh, dbx, dbh);

        assertClose(JsonArrays.timeMajor(c.get("grad_x"), steps, batch, e), g.dx(), "grad_x");
        assertClose(JsonArrays.matrix(c.get("grad_h0")), g.dh0(), "grad_h0");
        assertClose(JsonArrays.matrix(c.get("grad_weight_ih")).transpose(), dWx, "grad_weight_ih");
        assertClose(JsonArrays.matrix(c.get("grad_weight_hh")).transpose(), dWh, "grad_weight_hh");
        assertClose(JsonArrays.row(c.get("grad_bias_ih")), dbx, "grad_bias_ih");
        assertClose(JsonArrays.row(c.get("grad_bias_hh")), dbh, "grad_bias_hh");
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        JsonArrays.assertClose(expected, actual, TOLERANCE, what);
    }
}
