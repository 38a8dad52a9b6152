package org.seq2seq.nn.recurrent;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weights every recurrence here has, in the row-vector convention {@code x · Wx}: input and
 * recurrent weights and, layer-normalized, the gains of the two projections.
 */
public interface RecurrentWeights {
    /** Input weights {@code [E, G·H]} for G gate blocks. */
    INDArray wx();

    /** Recurrent weights {@code [H, G·H]}. */
    INDArray wh();

    /** Gain of the normalized input projection {@code [1, G·H]}, or null without layer normalization. */
    INDArray gainX();

    /** Gain of the normalized recurrent projection {@code [1, G·H]}, null exactly when {@link #gainX()} is. */
    INDArray gainH();

    /** Whether the projections are layer-normalized. */
    default boolean layerNormalized() {
        return gainX() != null;
    }

    /** H, the hidden size. */
    default int hiddenSize() {
        return (int) wh().size(0);
    }

    /** E, the input size. */
    default int inputSize() {
        return (int) wx().size(0);
    }

    /**
     * @throws IllegalArgumentException when exactly one gain is given
     */
    static void requireBothGainsOrNeither(INDArray gainX, INDArray gainH, String what) {
        if ((gainX == null) != (gainH == null)) {
            throw new IllegalArgumentException("a layer-normalized " + what + " has both gains, others neither");
        }
    }
}
