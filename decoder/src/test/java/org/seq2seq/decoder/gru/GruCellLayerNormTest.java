package org.seq2seq.decoder.gru;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * The layer-normalized GRU computes what an independent implementation computes: the outputs and
 * every gradient in {@code vectors/gru-layernorm-vectors.json}, written by PyTorch's autograd from
 * the equations ({@code decoder/scripts/gru_layernorm_vectors.py}), agree to 1e-9 in double
 * precision, with padding, a context share and a recurrent dropout mask; and the float path (the
 * normalization in Java) gives the double path's values to float precision.
 */
@ExtendWith(DoublePrecision.class)
class GruCellLayerNormTest {
    private static final double TOLERANCE = 1e-9;
    private static final String VECTORS = "/vectors/gru-layernorm-vectors.json";

    /** One case of the vectors as our arrays, in the given type. */
    private record Case(GruWeights w, INDArray x, INDArray h0, INDArray mask, INDArray extra, INDArray drop,
                        INDArray dOut, JsonNode json) {
        static Case of(JsonNode c, DataType type) {
            int e = c.get("E").asInt();
            int h = c.get("H").asInt();
            int steps = c.get("T").asInt();
            int batch = c.get("B").asInt();
            int[] lengths = JsonArrays.ints(c.get("lengths"));
            INDArray mask = Nd4j.create(DataType.DOUBLE, batch, steps);
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < lengths[b]; t++) {
                    mask.putScalar(b, t, 1.0);
                }
            }
            // PyTorch stores weight_ih as [3H, E]; the row-vector convention wants [E, 3H].
            GruWeights w = new GruWeights(cast(JsonArrays.matrix(c.get("weight_ih")).transpose().dup('f'), type),
                    cast(JsonArrays.matrix(c.get("weight_hh")).transpose().dup('f'), type),
                    cast(JsonArrays.row(c.get("bias_ih")), type), cast(JsonArrays.row(c.get("bias_hh")), type),
                    cast(JsonArrays.row(c.get("gain_x")), type), cast(JsonArrays.row(c.get("gain_h")), type));
            return new Case(w, cast(JsonArrays.timeMajor(c.get("x"), steps, batch, e), type),
                    cast(JsonArrays.matrix(c.get("h0")), type), cast(mask, type),
                    c.has("extra") ? cast(JsonArrays.matrix(c.get("extra")), type) : null,
                    c.has("drop") ? cast(JsonArrays.matrix(c.get("drop")), type) : null,
                    cast(JsonArrays.timeMajor(c.get("loss_weights"), steps, batch, h), type), c);
        }

        private static INDArray cast(INDArray a, DataType type) {
            return a.castTo(type);
        }

        GruCell.Trace forward() {
            return GruCell.forward(w, x, h0, mask, extra, drop, null);
        }

        /** dWx, dWh, dbx, dbh, d(gain x), d(gain h), dx, dh0, d(extra). */
        List<INDArray> backward(GruCell.Trace trace) {
            DataType type = x.dataType();
            long h = w.hiddenSize();
            INDArray dWx = Nd4j.create(type, w.inputSize(), 3 * h);
            INDArray dWh = Nd4j.create(type, h, 3 * h);
            INDArray dbx = Nd4j.create(type, 1, 3 * h);
            INDArray dbh = Nd4j.create(type, 1, 3 * h);
            INDArray dgx = Nd4j.create(type, 1, 3 * h);
            INDArray dgh = Nd4j.create(type, 1, 3 * h);
            GruCell.InputGradients g = GruCell.backward(w, trace, dOut, null, dWx, dWh, dbx, dbh, dgx, dgh);
            return List.of(dWx, dWh, dbx, dbh, dgx, dgh, g.dx(), g.dh0(), g.dExtraGates());
        }
    }

    static List<Arguments> cases() throws IOException {
        JsonNode all;
        try (var in = GruCellLayerNormTest.class.getResourceAsStream(VECTORS)) {
            all = new ObjectMapper().readTree(in).get("cases");
        }
        List<Arguments> cases = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            cases.add(Arguments.of(i, all.get(i)));
        }
        return cases;
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void matchesTheIndependentImplementationInDouble(int index, JsonNode c) {
        Case k = Case.of(c, DataType.DOUBLE);
        int steps = c.get("T").asInt();
        int batch = c.get("B").asInt();
        GruCell.Trace trace = k.forward();
        JsonArrays.assertClose(JsonArrays.timeMajor(c.get("out"), steps, batch, k.w().hiddenSize()),
                trace.outputs(), TOLERANCE, "out");
        assertEquals(c.get("loss").asDouble(), trace.outputs().mul(k.dOut()).sumNumber().doubleValue(), TOLERANCE);

        List<INDArray> g = k.backward(trace);
        JsonArrays.assertClose(JsonArrays.matrix(c.get("grad_weight_ih")).transpose(), g.get(0), TOLERANCE, "Wx");
        JsonArrays.assertClose(JsonArrays.matrix(c.get("grad_weight_hh")).transpose(), g.get(1), TOLERANCE, "Wh");
        JsonArrays.assertClose(JsonArrays.row(c.get("grad_bias_ih")), g.get(2), TOLERANCE, "bx");
        JsonArrays.assertClose(JsonArrays.row(c.get("grad_bias_hh")), g.get(3), TOLERANCE, "bh");
        JsonArrays.assertClose(JsonArrays.row(c.get("grad_gain_x")), g.get(4), TOLERANCE, "gain x");
        JsonArrays.assertClose(JsonArrays.row(c.get("grad_gain_h")), g.get(5), TOLERANCE, "gain h");
        JsonArrays.assertClose(JsonArrays.timeMajor(c.get("grad_x"), steps, batch, c.get("E").asInt()), g.get(6),
                TOLERANCE, "x");
        JsonArrays.assertClose(JsonArrays.matrix(c.get("grad_h0")), g.get(7), TOLERANCE, "h0");
        if (c.has("grad_extra")) {
            JsonArrays.assertClose(JsonArrays.matrix(c.get("grad_extra")), g.get(8), TOLERANCE, "extra");
        }
    }

    @Test
    void theFloatPathGivesTheDoublePathsValuesToFloatPrecision() throws IOException {
        JsonNode c = (JsonNode) cases().get(3).get()[1];                   // context share and recurrent dropout
        Case k = Case.of(c, DataType.DOUBLE);
        GruCell.Trace exactTrace = k.forward();
        List<INDArray> exact = k.backward(exactTrace);
        Case floats = Case.of(c, DataType.FLOAT);
        GruCell.Trace trace = floats.forward();
        double worstState = exactTrace.states().sub(trace.states().castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(worstState < 1e-6, "states: largest difference " + worstState);
        List<INDArray> actual = floats.backward(trace);
        List<String> names = List.of("dWx", "dWh", "dbx", "dbh", "d(gain x)", "d(gain h)", "dx", "dh0", "d(extra)");
        for (int i = 0; i < names.size(); i++) {
            double scale = exact.get(i).amaxNumber().doubleValue();
            double worst = exact.get(i).sub(actual.get(i).castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
            assertTrue(scale > 0.01 && worst < 5e-6 * scale,
                    names.get(i) + ": largest difference " + worst + " of values up to " + scale);
        }
    }

    /** Decoding's step (the normalization and the gate arithmetic in Java) is the cell's step, in float. */
    @Test
    void decodingsFloatStepIsTheCellsStep() {
        int e = 5;
        int c = 4;
        int h = 6;
        int n = 7;
        Nd4j.getRandom().setSeed(9);
        GruDecoderLayer conf = GruDecoderLayer.builder().nIn(e + c).nOut(h).contextSize(c).feedContext(true)
                .layerNorm(true).build();
        java.util.Map<String, INDArray> params = new java.util.HashMap<>();
        params.put(GruDecoderParamInitializer.INPUT_WEIGHTS, Nd4j.randn(DataType.FLOAT, e + c, 3L * h).muli(0.5));
        params.put(GruDecoderParamInitializer.RECURRENT_WEIGHTS, Nd4j.randn(DataType.FLOAT, h, 3L * h).muli(0.5));
        params.put(GruDecoderParamInitializer.INPUT_BIAS, Nd4j.randn(DataType.FLOAT, 1, 3L * h).muli(0.3));
        params.put(GruDecoderParamInitializer.RECURRENT_BIAS, Nd4j.randn(DataType.FLOAT, 1, 3L * h).muli(0.3));
        params.put(GruDecoderParamInitializer.CONTEXT_WEIGHTS, Nd4j.randn(DataType.FLOAT, c, h));
        params.put(GruDecoderParamInitializer.CONTEXT_BIAS, Nd4j.randn(DataType.FLOAT, 1, h));
        params.put(GruDecoderParamInitializer.INPUT_GAIN, Nd4j.randn(DataType.FLOAT, 1, 3L * h).muli(0.3).addi(1));
        params.put(GruDecoderParamInitializer.RECURRENT_GAIN, Nd4j.randn(DataType.FLOAT, 1, 3L * h).muli(0.3).addi(1));
        GruDecoderStep step = GruDecoderStep.of(conf, params);
        INDArray context = Nd4j.randn(DataType.FLOAT, n, c);
        INDArray input = Nd4j.randn(DataType.FLOAT, n, e);
        INDArray state = step.initialState(context);
        INDArray gates = step.contextGates(context);

        INDArray actual = step.next(input, state, gates);
        GruWeights w = new GruWeights(params.get(GruDecoderParamInitializer.INPUT_WEIGHTS)
                .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, e), org.nd4j.linalg.indexing.NDArrayIndex.all()),
                params.get(GruDecoderParamInitializer.RECURRENT_WEIGHTS),
                params.get(GruDecoderParamInitializer.INPUT_BIAS), params.get(GruDecoderParamInitializer.RECURRENT_BIAS),
                params.get(GruDecoderParamInitializer.INPUT_GAIN), params.get(GruDecoderParamInitializer.RECURRENT_GAIN));
        INDArray expected = GruCell.forward(w, input, state, null, gates, null).last();
        double worst = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(worst < 1e-6, "largest difference " + worst);
        INDArray plain = GruDecoderStep.of(GruDecoderLayer.builder().nIn(e + c).nOut(h).contextSize(c)
                .feedContext(true).build(), params).next(input, state, gates);
        assertTrue(plain.sub(actual).amaxNumber().doubleValue() > 1e-3, "the normalization changed nothing");
    }
}
