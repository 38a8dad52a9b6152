package org.seq2seq.encoder.lstm;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.seq2seq.nn.recurrent.RecurrentWeights;

/**
 * The parameters of one direction of the LSTM recurrence, in the row-vector convention
 * {@code x · Wx}. The gate blocks (columns), each H wide, are in the order i (input), f (forget),
 * o (output), g (cell candidate), so that the three sigmoid gates are one contiguous block.
 * PyTorch's order is i, f, g, o: its {@code weight_ih} is {@code wx} transposed with the last
 * two blocks swapped, and its two biases add up to {@code b}. A layer-normalized LSTM (Ba et al.
 * 2016) normalizes each row of its input and its recurrent projection over the 4H values and
 * scales them by its gains before the bias.
 *
 * @param wx    input weights {@code [E, 4H]}
 * @param wh    recurrent weights {@code [H, 4H]}
 * @param b     bias {@code [1, 4H]}
 * @param gainX gain of the normalized input projection {@code [1, 4H]}, or null without layer normalization
 * @param gainH gain of the normalized recurrent projection {@code [1, 4H]}, null exactly when gainX is
 */
public record LstmWeights(INDArray wx, INDArray wh, INDArray b, INDArray gainX, INDArray gainH)
        implements RecurrentWeights {
    public LstmWeights {
        RecurrentWeights.requireBothGainsOrNeither(gainX, gainH, "LSTM");
    }

    /** Without layer normalization. */
    public LstmWeights(INDArray wx, INDArray wh, INDArray b) {
        this(wx, wh, b, null, null);
    }
}
