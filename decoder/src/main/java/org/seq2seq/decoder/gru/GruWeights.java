package org.seq2seq.decoder.gru;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.seq2seq.nn.recurrent.RecurrentWeights;

/**
 * The parameters of the GRU recurrence, in the row-vector convention {@code x · Wx}: the gate
 * blocks (columns) are r (reset), z (update), n (new), each H wide, as in PyTorch. PyTorch's
 * {@code weight_ih} is {@code wx} transposed, its {@code weight_hh} is {@code wh} transposed.
 * A layer-normalized GRU (Ba et al. 2016) normalizes each row of the input projection and of
 * the recurrent projection over its 3H values and scales them by its gains before the biases.
 *
 * @param wx    input weights {@code [E, 3H]}
 * @param wh    recurrent weights {@code [H, 3H]}
 * @param bx    input bias {@code [1, 3H]}
 * @param bh    recurrent bias {@code [1, 3H]}; its n block stays inside the reset product
 * @param gainX gain of the normalized input projection {@code [1, 3H]}, or null without layer normalization
 * @param gainH gain of the normalized recurrent projection {@code [1, 3H]}, null exactly when gainX is
 */
public record GruWeights(INDArray wx, INDArray wh, INDArray bx, INDArray bh, INDArray gainX, INDArray gainH)
        implements RecurrentWeights {
    public GruWeights {
        RecurrentWeights.requireBothGainsOrNeither(gainX, gainH, "GRU");
    }

    /** Without layer normalization. */
    public GruWeights(INDArray wx, INDArray wh, INDArray bx, INDArray bh) {
        this(wx, wh, bx, bh, null, null);
    }
}
