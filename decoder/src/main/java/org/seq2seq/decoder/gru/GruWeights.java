package org.seq2seq.decoder.gru;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters of the GRU recurrence, in the row-vector convention {@code x · Wx}: the gate
 * blocks (columns) are r (reset), z (update), n (new), each H wide, as in PyTorch. PyTorch's
 * {@code weight_ih} is {@code wx} transposed, its {@code weight_hh} is {@code wh} transposed.
 *
 * @param wx input weights {@code [E, 3H]}
 * @param wh recurrent weights {@code [H, 3H]}
 * @param bx input bias {@code [1, 3H]}
 * @param bh recurrent bias {@code [1, 3H]}; its n block stays inside the reset product
 */
public record GruWeights(INDArray wx, INDArray wh, INDArray bx, INDArray bh) {

    /** H, the hidden size. */
    public int hiddenSize() {
        return (int) wh.size(0);
    }

    /** E, the input size. */
    public int inputSize() {
        return (int) wx.size(0);
    }
}
