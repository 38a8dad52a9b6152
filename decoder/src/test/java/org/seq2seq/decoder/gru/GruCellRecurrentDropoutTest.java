package org.seq2seq.decoder.gru;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.corpora.DoublePrecision;
import org.seq2seq.corpora.FiniteDifferences;

/**
 * {@link GruCell} with a recurrent (variational) dropout mask: its backward pass is the gradient
 * of its forward pass by finite differences, in double precision, for every weight and input; a
 * mask of ones changes nothing and a mask with zeros changes the states.
 */
@ExtendWith(DoublePrecision.class)
class GruCellRecurrentDropoutTest {
    private static final int E = 3;
    private static final int H = 5;
    private static final int B = 3;
    private static final int T = 4;

    private final GruWeights w;
    private final INDArray x;
    private final INDArray h0;
    private final INDArray extra;
    private final INDArray mask;
    private final INDArray dropMask;
    private final INDArray dOut;
    private final INDArray dLast;

    GruCellRecurrentDropoutTest() {
        Nd4j.getRandom().setSeed(21);
        w = new GruWeights(Nd4j.randn(DataType.DOUBLE, E, 3L * H).muli(0.6),
                Nd4j.randn(DataType.DOUBLE, H, 3L * H).muli(0.6), Nd4j.randn(DataType.DOUBLE, 1, 3L * H).muli(0.3),
                Nd4j.randn(DataType.DOUBLE, 1, 3L * H).muli(0.3));
        x = Nd4j.randn(DataType.DOUBLE, (long) T * B, E);
        h0 = Nd4j.randn(DataType.DOUBLE, B, H).muli(0.5);
        extra = Nd4j.randn(DataType.DOUBLE, B, 3L * H).muli(0.3);
        mask = Nd4j.ones(DataType.DOUBLE, B, T);
        mask.putScalar(1, 3, 0);                                         // row 1 has 3 steps, row 2 has 2
        mask.putScalar(2, 2, 0);
        mask.putScalar(2, 3, 0);
        dropMask = Nd4j.rand(DataType.DOUBLE, B, H).gt(0.3).castTo(DataType.DOUBLE).divi(0.7);   // 0 or 1/0.7
        dOut = Nd4j.randn(DataType.DOUBLE, (long) T * B, H);
        dLast = Nd4j.randn(DataType.DOUBLE, B, H);
    }

    /** L = Σ outputs ∘ dOut + Σ h_T ∘ dLast, so that dL/d(outputs) = dOut and dL/dh_T = dLast too. */
    private double loss(INDArray recurrentMask) {
        GruCell.Trace trace = GruCell.forward(w, x, h0, mask, extra, recurrentMask, null);
        return trace.outputs().mul(dOut).sumNumber().doubleValue() + trace.last().mul(dLast).sumNumber().doubleValue();
    }

    @Test
    void theBackwardPassIsTheGradientOfTheForwardPassWithTheMask() {
        assertTrue(dropMask.eq(0).castTo(DataType.INT32).sumNumber().intValue() > 0, "some state values are dropped");
        INDArray dWx = Nd4j.create(DataType.DOUBLE, E, 3L * H);
        INDArray dWh = Nd4j.create(DataType.DOUBLE, H, 3L * H);
        INDArray dbx = Nd4j.create(DataType.DOUBLE, 1, 3L * H);
        INDArray dbh = Nd4j.create(DataType.DOUBLE, 1, 3L * H);
        GruCell.InputGradients g = GruCell.backward(w, GruCell.forward(w, x, h0, mask, extra, dropMask, null),
                dOut, dLast, dWx, dWh, dbx, dbh);

        DoubleSupplier loss = () -> loss(dropMask);
        List<INDArray> params = List.of(w.wx(), w.wh(), w.bx(), w.bh(), x, h0, extra);
        List<INDArray> analytic = List.of(dWx, dWh, dbx, dbh, g.dx(), g.dh0(), g.dExtraGates());
        List<String> names = List.of("Wx", "Wh", "bx", "bh", "x", "h0", "extra");
        for (int i = 0; i < params.size(); i++) {
            double worst = FiniteDifferences.worstRelativeError(params.get(i), analytic.get(i), loss, 1e-6);
            assertTrue(worst < 1e-6, "d" + names.get(i) + ": relative error " + worst);
        }
    }

    @Test
    void aMaskOfOnesChangesNothingAndZerosChangeTheStates() {
        INDArray plain = GruCell.forward(w, x, h0, mask, extra, null).states();
        INDArray ones = GruCell.forward(w, x, h0, mask, extra, Nd4j.ones(DataType.DOUBLE, B, H), null).states();
        INDArray dropped = GruCell.forward(w, x, h0, mask, extra, dropMask, null).states();
        assertEquals(plain, ones);
        assertTrue(plain.sub(dropped).amaxNumber().doubleValue() > 1e-3, "the mask changed nothing");
        assertEquals(plain.getRow(0), dropped.getRow(0), "h_0 is the initial state either way");
    }
}
