package org.seq2seq.encoder.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.corpora.DoublePrecision;
import org.seq2seq.corpora.FiniteDifferences;

/**
 * {@link LstmCell} with a recurrent (variational) dropout mask, with and without layer
 * normalization, reading forward and in reverse: its backward pass is the gradient of its forward
 * pass by finite differences, in double precision, for every weight, gain and input; a mask of
 * ones changes nothing and a mask with zeros changes the states.
 */
@ExtendWith(DoublePrecision.class)
class LstmCellFiniteDifferencesTest {
    private static final int E = 3;
    private static final int H = 4;
    private static final int B = 3;
    private static final int T = 4;

    private final LstmWeights w;
    private final LstmWeights normalized;
    private final INDArray x;
    private final INDArray h0;
    private final INDArray c0;
    private final INDArray mask;
    private final INDArray dropMask;
    private final INDArray dOut;

    LstmCellFiniteDifferencesTest() {
        Nd4j.getRandom().setSeed(23);
        w = new LstmWeights(Nd4j.randn(DataType.DOUBLE, E, 4L * H).muli(0.6),
                Nd4j.randn(DataType.DOUBLE, H, 4L * H).muli(0.6), Nd4j.randn(DataType.DOUBLE, 1, 4L * H).muli(0.3));
        normalized = new LstmWeights(w.wx(), w.wh(), w.b(), Nd4j.randn(DataType.DOUBLE, 1, 4L * H).muli(0.3).addi(1),
                Nd4j.randn(DataType.DOUBLE, 1, 4L * H).muli(0.3).addi(1));
        x = Nd4j.randn(DataType.DOUBLE, (long) T * B, E);
        h0 = Nd4j.randn(DataType.DOUBLE, B, H).muli(0.5);
        c0 = Nd4j.randn(DataType.DOUBLE, B, H).muli(0.5);
        mask = Nd4j.ones(DataType.DOUBLE, B, T);
        mask.putScalar(1, 3, 0);                                         // row 1 has 3 steps, row 2 has 2
        mask.putScalar(2, 2, 0);
        mask.putScalar(2, 3, 0);
        dropMask = Nd4j.rand(DataType.DOUBLE, B, H).gt(0.3).castTo(DataType.DOUBLE).divi(0.7);   // 0 or 1/0.7
        dOut = Nd4j.randn(DataType.DOUBLE, (long) T * B, H).muliColumnVector(
                mask.transpose().dup('c').reshape('c', (long) T * B, 1));   // masked steps' outputs are constant
    }

    /** L = Σ outputs ∘ dOut. */
    private double loss(LstmWeights weights, boolean reverse, INDArray recurrentMask) {
        LstmCell.Trace trace = LstmCell.forward(weights, x, h0, c0, B, mask, reverse, recurrentMask, null);
        return trace.outputs().mul(dOut).sumNumber().doubleValue();
    }

    @ParameterizedTest(name = "reverse {0}, layer normalization {1}")
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void theBackwardPassIsTheGradientOfTheForwardPassWithTheMask(boolean reverse, boolean layerNorm) {
        assertTrue(dropMask.eq(0).castTo(DataType.INT32).sumNumber().intValue() > 0, "some state values are dropped");
        LstmWeights weights = layerNorm ? normalized : w;
        INDArray dWx = Nd4j.create(DataType.DOUBLE, E, 4L * H);
        INDArray dWh = Nd4j.create(DataType.DOUBLE, H, 4L * H);
        INDArray db = Nd4j.create(DataType.DOUBLE, 1, 4L * H);
        INDArray dgx = Nd4j.create(DataType.DOUBLE, 1, 4L * H);
        INDArray dgh = Nd4j.create(DataType.DOUBLE, 1, 4L * H);
        LstmCell.InputGradients g = LstmCell.backward(weights,
                LstmCell.forward(weights, x, h0, c0, B, mask, reverse, dropMask, null), dOut, dWx, dWh, db, dgx, dgh);

        DoubleSupplier loss = () -> loss(weights, reverse, dropMask);
        List<INDArray> params = new java.util.ArrayList<>(List.of(w.wx(), w.wh(), w.b(), x, h0, c0));
        List<INDArray> analytic = new java.util.ArrayList<>(List.of(dWx, dWh, db, g.dx(), g.dh0(), g.dc0()));
        List<String> names = new java.util.ArrayList<>(List.of("Wx", "Wh", "b", "x", "h0", "c0"));
        if (layerNorm) {
            params.addAll(List.of(normalized.gainX(), normalized.gainH()));
            analytic.addAll(List.of(dgx, dgh));
            names.addAll(List.of("gain x", "gain h"));
        }
        for (int i = 0; i < params.size(); i++) {
            double worst = FiniteDifferences.worstRelativeError(params.get(i), analytic.get(i), loss, 1e-6);
            assertTrue(worst < 1e-6, "d" + names.get(i) + ": relative error " + worst);
        }
    }

    @ParameterizedTest(name = "reverse {0}")
    @ValueSource(booleans = {false, true})
    void aMaskOfOnesChangesNothingAndZerosChangeTheStates(boolean reverse) {
        INDArray plain = LstmCell.forward(w, x, h0, c0, B, mask, reverse, null).outputs();
        INDArray ones = LstmCell.forward(w, x, h0, c0, B, mask, reverse, Nd4j.ones(DataType.DOUBLE, B, H), null)
                .outputs();
        INDArray dropped = LstmCell.forward(w, x, h0, c0, B, mask, reverse, dropMask, null).outputs();
        assertEquals(plain, ones);
        assertTrue(plain.sub(dropped).amaxNumber().doubleValue() > 1e-3, "the mask changed nothing");
    }
}
