package org.seq2seq.encoder.lstm;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters of one direction of the LSTM recurrence, in the row-vector convention
 * {@code x · Wx}. The gate blocks (columns), each H wide, are in the order i (input), f (forget),
 * o (output), g (cell candidate), so that the three sigmoid gates are one contiguous block.
 * PyTorch's order is i, f, g, o: its {@code weight_ih} is {@code wx} transposed with the last
 * two blocks swapped, and its two biases add up to {@code b}.
 *
 * @param wx input weights {@code [E, 4H]}
 * @param wh recurrent weights {@code [H, 4H]}
 * @param b  bias {@code [1, 4H]}
 */
public record LstmWeights(INDArray wx, INDArray wh, INDArray b) {

    /** H, the hidden size. */
    public int hiddenSize() {
        return (int) wh.size(0);
    }

    /** E, the input size. */
    public int inputSize() {
        return (int) wx.size(0);
    }
}
